using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Incidents.Desk;
using Unyo.Features.Incidents.Policy;

namespace Unyo.Features.Incidents.AutoDeclare;

// Declares incidents from alerts by the policy's rules, and puts linked alerts' acknowledgements
// and resolutions on their incident's timeline, in the alert's own transaction: an alert that
// commits has its incident, and a crash between the two cannot happen.
// A rule declares once per alert (an alert belongs to one incident at most) and not at all for an
// alert whose group already has an incident: that alert is linked to it instead. Alerts that a
// silence or maintenance window held back declare nothing.
public sealed class IncidentAlertObserver(IncidentDesk desk, IncidentPolicies policies, OnCallCommander commanders) : IAlertChangeObserver
{
    public async Task OnChangesAsync(UnyoDb db, IReadOnlyList<AlertChange> changes, CancellationToken cancellationToken)
    {
        var triggered = changes.Where(c => c.Kind == AlertChangeKind.Triggered && c.Alert.SuppressedBy is null).ToList();
        if (triggered.Count > 0)
        {
            var (policy, _) = await policies.CurrentAsync(cancellationToken);
            foreach (var change in policy.Rules.Count == 0 ? [] : triggered)
            {
                await DeclareAsync(db, policy, change.Alert, cancellationToken);
            }
        }
        var worked = changes.Where(c => c.Kind is AlertChangeKind.Acknowledged or AlertChangeKind.Resolved).ToList();
        if (worked.Count == 0)
        {
            return;
        }
        // One query for the whole batch: a storm of resolutions from Alertmanager must not cost a
        // query per alert when almost none of them belong to an incident.
        var ids = worked.Select(c => c.Alert.Id).ToList();
        var linked = (await db.IncidentAlerts.Where(l => ids.Contains(l.AlertId)).Select(l => l.AlertId).ToListAsync(cancellationToken)).ToHashSet();
        linked.UnionWith(db.IncidentAlerts.Local.Where(l => ids.Contains(l.AlertId)).Select(l => l.AlertId));
        foreach (var change in worked.Where(c => linked.Contains(c.Alert.Id)))
        {
            await desk.AlertChangedAsync(change.Alert, change.Kind, change.Actor, cancellationToken);
        }
    }

    private async Task DeclareAsync(UnyoDb db, IncidentPolicySpec policy, Alert alert, CancellationToken cancellationToken)
    {
        var service = alert.Service ?? await db.Services.SingleAsync(s => s.Id == alert.ServiceId, cancellationToken);
        if (policy.Rules.FirstOrDefault(r => r.Matches(alert, service)) is not { } rule
            || await db.IncidentAlerts.AnyAsync(l => l.AlertId == alert.Id, cancellationToken))
        {
            return;
        }
        if ((alert.GroupedUnderId ?? alert.GroupedUnder?.Id) is { } lead
            && await db.IncidentAlerts.Where(l => l.AlertId == lead || l.Alert!.GroupedUnderId == lead).Select(l => (long?)l.IncidentId).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            await desk.LinkFromGroupAsync(existing, alert, cancellationToken);
            return;
        }
        var commander = await commanders.FindAsync(alert, cancellationToken);
        var declaration = new Declaration(rule.TitleFor(alert, service), rule.Severity, null, [service], rule.Private, rule.Private ? [service.TeamId] : [], commander, [alert], $"rule:{rule.Name}");
        await desk.DeclareAsync(declaration, IncidentActor.Unyo, cancellationToken);
    }

    public void OnCommitted(IReadOnlyList<AlertChange> changes)
    {
    }
}
