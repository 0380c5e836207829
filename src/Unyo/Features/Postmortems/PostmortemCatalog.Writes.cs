using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Incidents;
using Unyo.Hosting;

namespace Unyo.Features.Postmortems;

// The postmortem's own writes; each one audited and saved with its audit record.
public sealed partial class PostmortemCatalog
{
    // Null when the caller may not see such an incident (the endpoint answers 404).
    public async Task<(Postmortem, Incident)?> CreateAsync(long incidentId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.VisibleTo(db, user).SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        if (incident is null)
        {
            return null;
        }
        if (await db.Postmortems.Where(p => p.IncidentId == incidentId).Select(p => (long?)p.Id).SingleOrDefaultAsync(cancellationToken) is { } existing)
        {
            throw new RequestValidationException(new ValidationErrors().Add("incident", $"incident {incidentId} already has postmortem {existing}; there is one per incident."),
                StatusCodes.Status409Conflict, "The incident has a postmortem.");
        }
        var now = time.StoredNow();
        var timeline = await TimelineAsync(incidentId, cancellationToken);
        var postmortem = PostmortemTemplate.New(incident, timeline, Actor(user), now);
        db.Postmortems.Add(postmortem);
        db.IncidentTimeline.Add(new IncidentTimelineEntry { IncidentId = incidentId, At = now, Kind = IncidentTimelineKind.Postmortem, Actor = Actor(user), Text = "Postmortem started." });
        // The id exists only after the insert, and the audit record names it: two saves, one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw new RequestValidationException(new ValidationErrors().Add("incident", $"incident {incidentId} got a postmortem a moment ago; there is one per incident."),
                StatusCodes.Status409Conflict, "The incident has a postmortem.");
        }
        audit.RecordHere("postmortem.create", Kind, Name(postmortem), null, Document(postmortem));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (postmortem, incident);
    }

    public async Task UpdateAsync(Postmortem postmortem, PostmortemEdit edit, CancellationToken cancellationToken)
    {
        var before = Document(postmortem);
        edit.ApplyTo(postmortem);
        Touch(postmortem);
        audit.RecordHere("postmortem.update", Kind, Name(postmortem), before, Document(postmortem));
        await SaveAsync(postmortem.Id, cancellationToken);
    }

    // Draft ⇄ in review → published; a published postmortem may go back to review to be amended.
    public async Task TransitionAsync(Postmortem postmortem, PostmortemState to, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var from = postmortem.State;
        var allowed = (from, to) is (PostmortemState.Draft, PostmortemState.InReview) or (PostmortemState.InReview, PostmortemState.Draft)
            or (PostmortemState.InReview, PostmortemState.Published) or (PostmortemState.Published, PostmortemState.InReview);
        if (!allowed)
        {
            throw new RequestValidationException(new ValidationErrors().Add("state",
                from == to ? $"the postmortem is already {to.Name()}." : $"a postmortem goes from {from.Name()} to {string.Join(" or ", Next(from).Select(s => s.Name()))}, not to {to.Name()}."),
                StatusCodes.Status409Conflict, "Not a transition.");
        }
        if (to == PostmortemState.Published && postmortem.ImpactIsEmpty)
        {
            throw new RequestValidationException(new ValidationErrors().Add("impact",
                "the impact section is empty: say what the incident meant for users, revenue or reputation (impactSummary, impactUsers, impactRevenue, impactReputation) before publishing."),
                StatusCodes.Status409Conflict, "The impact section is empty.");
        }
        postmortem.State = to;
        postmortem.PublishedAt = to == PostmortemState.Published ? time.StoredNow() : postmortem.PublishedAt;
        Touch(postmortem);
        audit.RecordHere("postmortem.transition", Kind, Name(postmortem), new { state = from.Name() }, new { state = to.Name() });
        if (to == PostmortemState.Published)
        {
            db.IncidentTimeline.Add(new IncidentTimelineEntry { IncidentId = postmortem.IncidentId, At = postmortem.UpdatedAt, Kind = IncidentTimelineKind.Postmortem, Actor = Actor(user), Text = "Postmortem published." });
        }
        await SaveAsync(postmortem.Id, cancellationToken);
    }

    public static IEnumerable<PostmortemState> Next(PostmortemState from) => from switch
    {
        PostmortemState.Draft => [PostmortemState.InReview],
        PostmortemState.InReview => [PostmortemState.Draft, PostmortemState.Published],
        _ => [PostmortemState.InReview],
    };

    // Imports the incident's timeline again, replacing the snapshot (edits to it are lost: the
    // page says so next to the button).
    public async Task RefreshTimelineAsync(Postmortem postmortem, CancellationToken cancellationToken)
    {
        var before = new { timeline = postmortem.Timeline };
        postmortem.Timeline = PostmortemTemplate.TimelineMarkdown(await TimelineAsync(postmortem.IncidentId, cancellationToken));
        postmortem.TimelineImportedAt = time.StoredNow();
        Touch(postmortem);
        audit.RecordHere("postmortem.timeline-refresh", Kind, Name(postmortem), before, new { timeline = postmortem.Timeline });
        await SaveAsync(postmortem.Id, cancellationToken);
    }

    public async Task<PostmortemComment> CommentAsync(Postmortem postmortem, string text, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var comment = new PostmortemComment { PostmortemId = postmortem.Id, Author = Actor(user), At = time.StoredNow(), Text = text };
        db.PostmortemComments.Add(comment);
        audit.RecordHere("postmortem.comment", Kind, Name(postmortem), null, new { comment.Author, comment.Text });
        await db.SaveChangesAsync(cancellationToken);
        return comment;
    }

    private Task<List<IncidentTimelineEntry>> TimelineAsync(long incidentId, CancellationToken cancellationToken) =>
        db.IncidentTimeline.AsNoTracking().Where(e => e.IncidentId == incidentId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);

    private void Touch(Postmortem postmortem)
    {
        postmortem.UpdatedAt = time.StoredNow();
        postmortem.Revision++;
    }

    public static string Name(Postmortem postmortem) => postmortem.Id.ToString(CultureInfo.InvariantCulture);

    private static object Document(Postmortem p) => new
    {
        p.Title, state = p.State.Name(), p.Record, p.ImpactSummary, p.ImpactUsers, p.ImpactRevenue, p.ImpactReputation,
        p.RootCause, p.ContributingFactors, p.FixesShortTerm, p.FixesLongTerm, p.Report, p.FollowUp,
    };
}
