using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Audit;
using Unyo.Features.Incidents;
using Unyo.Features.OnCall;
using Unyo.Features.StatusPages.Public;
using Unyo.Features.StatusPages.Subscriptions;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages.Updates;

// Publishes an incident update to status pages: one update per page, one timeline entry on the
// incident, one audit record, and a message to every confirmed subscriber of each page, all in
// one transaction. Private incidents are never published.
public sealed class StatusUpdatePublisher(UnyoDb db, TimeProvider time, AuditLog audit, TeamAccess access, SubscriberMail mail, PublicStatusCache cache)
{
    public sealed record Outcome(IReadOnlyList<StatusPageUpdate>? Updates, string? NotFound, string? Forbidden);

    public async Task<Outcome> PublishAsync(long incidentId, StatusUpdateSpec spec, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.VisibleTo(db, user).SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        if (incident is null)
        {
            return new Outcome(null, $"Incident {incidentId}", null);
        }
        var errors = new ValidationErrors();
        if (incident.Private)
        {
            errors.Add("incident", "is private: private incidents never appear on status pages.");
        }
        var pages = await db.StatusPages.Include(p => p.Team).Where(p => spec.Pages.Contains(p.Name)).ToDictionaryAsync(p => p.Name, cancellationToken);
        for (var i = 0; i < spec.Pages.Count; i++)
        {
            if (!pages.ContainsKey(spec.Pages[i]))
            {
                errors.Add($"pages[{i}]", $"there is no status page '{spec.Pages[i]}'.");
            }
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        foreach (var page in pages.Values)
        {
            if (await access.TeamOwnedRefusalAsync(db, user, page.Team!.Name, null, "status pages", cancellationToken) is { } refusal)
            {
                return new Outcome(null, null, refusal);
            }
        }
        var now = time.StoredNow();
        var actor = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown";
        var ids = pages.Values.Select(p => p.Id).ToList();
        // The public title carries on from the last update that gave one, else the incident's.
        var lastTitle = await db.StatusPageUpdates.Where(u => u.IncidentId == incidentId).OrderByDescending(u => u.Id).Select(u => u.Title).FirstOrDefaultAsync(cancellationToken);
        var title = spec.Title ?? lastTitle ?? incident.Title;
        var updates = new List<StatusPageUpdate>();
        foreach (var page in spec.Pages.Select(n => pages[n]))
        {
            var update = new StatusPageUpdate { PageId = page.Id, Page = page, IncidentId = incidentId, Status = spec.Status, Title = title, Message = spec.Message, At = now, By = actor };
            db.StatusPageUpdates.Add(update);
            updates.Add(update);
            foreach (var subscriber in await StatusPageCatalog.Confirmed(db, page.Id).ToListAsync(cancellationToken))
            {
                mail.Update(db, page, subscriber, spec.Status.ToName(), title, spec.Message, now);
            }
        }
        db.IncidentTimeline.Add(new IncidentTimelineEntry
        {
            IncidentId = incidentId, At = now, Kind = IncidentTimelineKind.StatusPage, Actor = actor,
            Text = $"Published to {string.Join(", ", spec.Pages)} ({spec.Status.ToName()}): {spec.Message}",
        });
        audit.RecordHere("statuspage.publish", "Incident", incidentId.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { pages = spec.Pages, status = spec.Status.ToName(), title, message = spec.Message });
        await db.SaveChangesAsync(cancellationToken);
        mail.OnCommitted();
        foreach (var name in spec.Pages)
        {
            cache.Invalidate(name);
        }
        return new Outcome(updates, null, null);
    }
}
