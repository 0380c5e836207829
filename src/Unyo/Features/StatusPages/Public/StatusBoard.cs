using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Checks;
using Unyo.Features.Incidents;
using Unyo.Features.Maintenance;

namespace Unyo.Features.StatusPages.Public;

// Derives what a status page shows now. Incidents are read here with their own public rule
// (never private, never merged away), not through IncidentVisibility: the public is nobody's
// team, so no private incident may count, even for a page whose team could see it.
public sealed partial class StatusBoard(UnyoDb db, TimeProvider time, MaintenanceCalendar calendar, UptimeBars uptime)
{
    public static readonly TimeSpan PastWindow = TimeSpan.FromDays(14);
    public static readonly TimeSpan MaintenanceAhead = TimeSpan.FromDays(14);

    // Needs the page loaded with its components and their services.
    public async Task<StatusSnapshot> SnapshotAsync(StatusPage page, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var components = page.Components.OrderBy(c => c.Position).ToList();
        var serviceIds = components.Select(c => c.ServiceId).Distinct().ToList();
        var timetable = await calendar.CurrentAsync(cancellationToken);
        var checks = await CheckStatesAsync(serviceIds, cancellationToken);
        var open = await db.Incidents.AsNoTracking()
            .Where(i => !i.Private && i.MergedIntoId == null && i.Status != IncidentStatus.Resolved)
            .Join(db.IncidentImpacts.Where(x => serviceIds.Contains(x.ServiceId)), i => i.Id, x => x.IncidentId, (i, x) => new { x.ServiceId, i.Severity })
            .ToListAsync(cancellationToken);
        var bars = await uptime.ForAsync(page.Name, components, now, cancellationToken);

        var views = new List<StatusSnapshot.Component>(components.Count);
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            var fromChecks = FromChecks(checks.Where(c => c.ServiceId == component.ServiceId && (component.Check is null || c.Name == component.Check)).Select(c => c.Status));
            var inMaintenance = timetable.CoversService(component.ServiceId, now, out _)
                || (component.Check is not null && timetable.NamesCheck(component.Check, now, out _));
            // Checks failing during planned work are expected: the component is under maintenance.
            var status = inMaintenance ? ComponentStatus.UnderMaintenance : fromChecks;
            foreach (var incident in open.Where(o => o.ServiceId == component.ServiceId))
            {
                status = Worst(status, ComponentStatusNames.OfSeverity(incident.Severity));
            }
            views.Add(new StatusSnapshot.Component(Name(component), component.Group, status, bars[i]));
        }
        var (active, past) = await IncidentsAsync(page, components, now, cancellationToken);
        var overall = views.Count == 0 ? ComponentStatus.Operational : views.Max(v => v.Status);
        return new StatusSnapshot(page.Name, page.Title, page.Description, overall, views, active, past,
            Maintenances(components, timetable, now), now);
    }

    public static string Name(StatusPageComponent component) => component.DisplayName ?? component.Service!.Name;

    private static ComponentStatus Worst(ComponentStatus a, ComponentStatus b) => a > b ? a : b;

    // Down everywhere it is judged is a major outage; down in part a partial one.
    private static ComponentStatus FromChecks(IEnumerable<CheckStatus> statuses)
    {
        var judged = statuses.Where(s => s is CheckStatus.Up or CheckStatus.Degraded or CheckStatus.Down).ToList();
        var down = judged.Count(s => s == CheckStatus.Down);
        return down > 0 && down == judged.Count ? ComponentStatus.MajorOutage
            : down > 0 ? ComponentStatus.PartialOutage
            : judged.Contains(CheckStatus.Degraded) ? ComponentStatus.Degraded
            : ComponentStatus.Operational;
    }

    private sealed record CheckRow(Guid ServiceId, string Name, CheckStatus Status);

    private async Task<List<CheckRow>> CheckStatesAsync(List<Guid> serviceIds, CancellationToken cancellationToken) =>
        await db.Checks.AsNoTracking().Where(c => serviceIds.Contains(c.ServiceId) && c.Enabled)
            .Join(db.CheckStates, c => c.Id, s => s.CheckId, (c, s) => new CheckRow(c.ServiceId, c.Name, s.Status))
            .ToListAsync(cancellationToken);
}
