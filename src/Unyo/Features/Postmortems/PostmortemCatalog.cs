using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Features.Incidents;
using Unyo.Hosting;

namespace Unyo.Features.Postmortems;

// Reads and writes postmortems. Every read starts from the incidents the caller may see
// (IncidentVisibility): the postmortem of a private incident is as private as the incident.
public sealed partial class PostmortemCatalog(UnyoDb db, PostmortemImpact impact, AuditLog audit, TimeProvider time)
{
    public const string Kind = "Postmortem";

    public IQueryable<Postmortem> Visible(ClaimsPrincipal user)
    {
        var incidents = db.Incidents.VisibleTo(db, user);
        return db.Postmortems.Where(p => incidents.Any(i => i.Id == p.IncidentId));
    }

    // The postmortem and its incident, or null when there is none the caller may see (a private
    // incident's postmortem answers as if it did not exist).
    public async Task<(Postmortem Postmortem, Incident Incident)?> FindAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var postmortem = await Visible(user).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (postmortem is null)
        {
            return null;
        }
        var incident = await db.Incidents.SingleAsync(i => i.Id == postmortem.IncidentId, cancellationToken);
        return (postmortem, incident);
    }

    // Title and text search, case-insensitive on both databases; newest change first.
    public async Task<List<PostmortemSummaryResponse>> ListAsync(ClaimsPrincipal user, string? query, PostmortemState? state, int limit, CancellationToken cancellationToken)
    {
        var postmortems = Visible(user).AsNoTracking();
        if (state is { } wanted)
        {
            postmortems = postmortems.Where(p => p.State == wanted);
        }
        if (!string.IsNullOrWhiteSpace(query))
        {
            var q = query.Trim().ToLowerInvariant();
            postmortems = postmortems.Where(p => p.Title.ToLower().Contains(q) || p.Record.ToLower().Contains(q) || p.Timeline.ToLower().Contains(q)
                || p.ImpactSummary.ToLower().Contains(q) || p.RootCause.ToLower().Contains(q) || p.FixesShortTerm.ToLower().Contains(q)
                || p.FixesLongTerm.ToLower().Contains(q) || p.Report.ToLower().Contains(q) || p.FollowUp.ToLower().Contains(q));
        }
        return await SummariesAsync(postmortems.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id).Take(limit), cancellationToken);
    }

    // The incident's postmortem as the list shows it, if there is one the caller may see.
    public async Task<PostmortemSummaryResponse?> OfIncidentAsync(long incidentId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await SummariesAsync(Visible(user).AsNoTracking().Where(p => p.IncidentId == incidentId), cancellationToken)).SingleOrDefault();

    private async Task<List<PostmortemSummaryResponse>> SummariesAsync(IQueryable<Postmortem> postmortems, CancellationToken cancellationToken)
    {
        var found = await postmortems.ToListAsync(cancellationToken);
        var ids = found.Select(p => p.Id).ToList();
        var items = (await db.ActionItems.AsNoTracking().Where(a => ids.Contains(a.PostmortemId)).ToListAsync(cancellationToken)).ToLookup(a => a.PostmortemId);
        var today = Today();
        return [.. found.Select(p => new PostmortemSummaryResponse(p.Id, p.IncidentId, p.Title, p.State.Name(), items[p.Id].All(a => a.Closed),
            items[p.Id].Count(a => !a.Closed), items[p.Id].Count(a => a.OverdueOn(today)), p.UpdatedAt))];
    }

    public async Task<PostmortemResponse> ToResponseAsync(Postmortem postmortem, Incident incident, CancellationToken cancellationToken)
    {
        var items = await ItemsAsync(postmortem.Id, cancellationToken);
        var comments = await db.PostmortemComments.AsNoTracking().Where(c => c.PostmortemId == postmortem.Id).OrderBy(c => c.Id)
            .Select(c => new PostmortemCommentResponse(c.Id, c.Author, c.At, c.Text)).ToListAsync(cancellationToken);
        var today = Today();
        var p = postmortem;
        return new PostmortemResponse(
            p.Id, p.IncidentId, p.Title, p.State.Name(), items.All(a => a.Closed), p.Record, p.Timeline, p.TimelineImportedAt,
            await impact.MeasureAsync(incident, cancellationToken), p.ImpactSummary, p.ImpactUsers, p.ImpactRevenue, p.ImpactReputation,
            p.RootCause, p.ContributingFactors, p.FixesShortTerm, p.FixesLongTerm, p.Report, p.FollowUp,
            [.. items.Select(a => ToResponse(a, today))], comments, p.CreatedBy, p.CreatedAt, p.UpdatedAt, p.PublishedAt, p.Revision);
    }

    public Task<List<ActionItem>> ItemsAsync(long postmortemId, CancellationToken cancellationToken) =>
        db.ActionItems.AsNoTracking().Include(a => a.Owner).Where(a => a.PostmortemId == postmortemId).OrderBy(a => a.Id).ToListAsync(cancellationToken);

    public static ActionItemResponse ToResponse(ActionItem a, DateOnly today) =>
        new(a.Id, a.Title, a.Owner?.Email, a.DueOn, a.Priority.ToString(), a.Status.Name(), a.DeclineReason, a.TicketUrl, a.OverdueOn(today), a.UpdatedAt);

    public DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    internal static string Actor(ClaimsPrincipal user) => AuditLog.Actor(user) ?? user.Identity?.Name ?? "unknown";

    private async Task SaveAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"postmortem {id} was changed by someone else while this request ran; read it again and retry."),
                StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
    }
}
