using Microsoft.EntityFrameworkCore;
using Unyo.Features.Incidents;
using Unyo.Features.Maintenance;

namespace Unyo.Features.StatusPages.Public;

// The published side of a page: incidents told about on it, and maintenance announced for it.
public sealed partial class StatusBoard
{
    private async Task<(List<StatusSnapshot.Incident> Active, List<StatusSnapshot.Incident> Past)> IncidentsAsync(
        StatusPage page, List<StatusPageComponent> components, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - PastWindow;
        // Incidents with an update on this page that are open or were updated lately; only public ones.
        var updates = await db.StatusPageUpdates.AsNoTracking()
            .Where(u => u.PageId == page.Id && db.Incidents.Any(i => i.Id == u.IncidentId && !i.Private
                && (i.Status != IncidentStatus.Resolved || db.StatusPageUpdates.Any(l => l.IncidentId == i.Id && l.PageId == page.Id && l.At >= since))))
            .Select(u => new { u.Id, u.IncidentId, u.Status, u.Title, u.Message, u.At })
            .ToListAsync(cancellationToken);
        var ids = updates.Select(u => u.IncidentId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Severity, i.Status, i.DetectedAt, i.ResolvedAt }).ToDictionaryAsync(i => i.Id, cancellationToken);
        var impacts = await db.IncidentImpacts.AsNoTracking().Where(x => ids.Contains(x.IncidentId)).Select(x => new { x.IncidentId, x.ServiceId }).ToListAsync(cancellationToken);
        var active = new List<StatusSnapshot.Incident>();
        var past = new List<StatusSnapshot.Incident>();
        foreach (var group in updates.GroupBy(u => u.IncidentId))
        {
            var incident = incidents[group.Key];
            var ordered = group.OrderByDescending(u => u.At).ThenByDescending(u => u.Id).ToList();
            var latest = ordered[0];
            var resolved = incident.Status == IncidentStatus.Resolved || latest.Status == IncidentStatus.Resolved;
            var affected = impacts.Where(x => x.IncidentId == incident.Id).Select(x => x.ServiceId).ToHashSet();
            var view = new StatusSnapshot.Incident(
                incident.Id,
                latest.Title,
                resolved ? IncidentStatus.Resolved.ToName() : latest.Status.ToName(),
                ComponentStatusNames.OfSeverity(incident.Severity),
                [.. components.Where(c => affected.Contains(c.ServiceId)).Select(Name).Distinct()],
                ordered[^1].At < incident.DetectedAt ? ordered[^1].At : incident.DetectedAt,
                resolved ? incident.ResolvedAt ?? latest.At : null,
                [.. ordered.Select(u => new StatusSnapshot.Update(u.Id, u.Status.ToName(), u.Message, u.At))]);
            (resolved ? past : active).Add(view);
        }
        return ([.. active.OrderByDescending(i => i.Updates[0].At)], [.. past.OrderByDescending(i => i.Updates[0].At)]);
    }

    // Windows on the page's services that are under way or start within MaintenanceAhead. Only a
    // window's title is public; its description and team stay inside.
    private static List<StatusSnapshot.Maintenance> Maintenances(List<StatusPageComponent> components, MaintenanceTimetable timetable, DateTimeOffset now)
    {
        var found = new Dictionary<(string Window, DateTimeOffset Start), (MaintenanceOccurrence Occurrence, List<string> Components)>();
        foreach (var component in components)
        {
            foreach (var occurrence in timetable.ForService(component.ServiceId, now, now + MaintenanceAhead))
            {
                if (!found.TryGetValue((occurrence.Window, occurrence.Start), out var entry))
                {
                    found[(occurrence.Window, occurrence.Start)] = entry = (occurrence, []);
                }
                if (!entry.Components.Contains(Name(component)))
                {
                    entry.Components.Add(Name(component));
                }
            }
        }
        return [.. found.Values.OrderBy(e => e.Occurrence.Start)
            .Select(e => new StatusSnapshot.Maintenance(e.Occurrence.Title, e.Occurrence.Start, e.Occurrence.End, e.Occurrence.Covers(now), e.Components))];
    }
}
