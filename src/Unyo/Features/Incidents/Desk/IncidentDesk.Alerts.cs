using Microsoft.EntityFrameworkCore;
using Unyo.Features.Alerts;
using Unyo.Features.Incidents.Policy;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Desk;

// What a linked alert's acknowledgement or resolution does to its incident, inside the alert's
// transaction (IncidentAlertObserver calls these).
public sealed partial class IncidentDesk
{
    public async Task AlertChangedAsync(Alert alert, AlertChangeKind kind, string actor, CancellationToken cancellationToken)
    {
        var incidentId = await db.IncidentAlerts.Where(l => l.AlertId == alert.Id).Select(l => (long?)l.IncidentId).SingleOrDefaultAsync(cancellationToken)
            ?? db.IncidentAlerts.Local.Where(l => l.AlertId == alert.Id).Select(l => (long?)l.IncidentId).FirstOrDefault();
        if (incidentId is null || await db.Incidents.SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken) is not { } incident)
        {
            return;
        }
        var now = time.StoredNow();
        if (kind == AlertChangeKind.Acknowledged)
        {
            Timeline(incident.Id, IncidentTimelineKind.AlertAcknowledged, actor, $"Alert #{alert.Id} acknowledged: {alert.Summary}", now, alert.Id);
            Acknowledge(incident, actor, now);
            await TakeCommandIfNobodyHasAsync(incident, actor, now, cancellationToken);
        }
        else
        {
            Timeline(incident.Id, IncidentTimelineKind.AlertResolved, actor, $"Alert #{alert.Id} resolved: {alert.Summary}", now, alert.Id);
        }
        Touch(incident, now);
    }

    // An incident a rule declared without a commander (nobody on call could be found) is led by
    // the first person who acknowledges one of its alerts.
    private async Task TakeCommandIfNobodyHasAsync(Incident incident, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (incident.Status == IncidentStatus.Resolved
            || await db.IncidentRoleAssignments.AnyAsync(a => a.IncidentId == incident.Id && a.Role == IncidentRole.Commander && a.EndedAt == null, cancellationToken)
            || await db.Users.Where(u => u.Email == actor && !u.Disabled).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken) is not { } userId)
        {
            return;
        }
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        await HandOverAsync(incident, policy.Role(IncidentRole.Commander)!, userId, actor, "unyo", now, cancellationToken);
    }

    // An alert that joined a group whose lead already has an incident belongs to that incident.
    public async Task LinkFromGroupAsync(long incidentId, Alert alert, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId, cancellationToken);
        var now = time.StoredNow();
        db.IncidentAlerts.Add(new IncidentAlert { IncidentId = incidentId, AlertId = alert.Id, LinkedAt = now, LinkedBy = "unyo" });
        Timeline(incidentId, IncidentTimelineKind.Alert, "unyo", $"Alert #{alert.Id} linked (same group as an alert of this incident): {alert.Summary}", now, alert.Id);
        Touch(incident, now);
        await db.SaveChangesAsync(cancellationToken);
    }
}
