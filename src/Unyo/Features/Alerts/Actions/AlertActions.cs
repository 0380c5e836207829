using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Alerts.Actions;

// What people do to an alert: acknowledge it (someone is on it) or resolve it. Each change lands
// on the timeline and reaches the observers (notifications) in the same transaction.
public sealed class AlertActions(UnyoDb db, TimeProvider time, IEnumerable<IAlertChangeObserver> observers)
{
    public enum Outcome
    {
        Done,
        AlreadyDone,
        NotFound,
    }

    public async Task<(Outcome Outcome, Alert? Alert)> ApplyAsync(long alertId, AlertActionKind action, string actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var alert = await db.Alerts.Include(a => a.Service!).ThenInclude(s => s.Team).SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
        {
            return (Outcome.NotFound, null);
        }
        var now = time.GetUtcNow();
        AlertChangeKind kind;
        switch (action)
        {
            case AlertActionKind.Acknowledge when alert.Status == AlertStatus.Triggered:
                (alert.Status, alert.AcknowledgedAt, alert.AcknowledgedBy) = (AlertStatus.Acknowledged, now, actor);
                kind = AlertChangeKind.Acknowledged;
                break;
            case AlertActionKind.Resolve when alert.Status != AlertStatus.Resolved:
                (alert.Status, alert.ResolvedAt, alert.ResolvedBy) = (AlertStatus.Resolved, now, actor);
                kind = AlertChangeKind.Resolved;
                break;
            default:
                return (Outcome.AlreadyDone, alert);
        }
        alert.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        db.AlertTimeline.Add(new AlertTimelineEntry
        {
            AlertId = alert.Id, At = now, Actor = actor,
            Kind = kind == AlertChangeKind.Acknowledged ? AlertTimelineKind.Acknowledged : AlertTimelineKind.Resolved,
        });
        List<AlertChange> changes = [];
        if (alert.SuppressedBy is null)
        {
            var integration = alert.IntegrationId is { } id ? await db.Integrations.Where(i => i.Id == id).Select(i => i.Name).SingleOrDefaultAsync(cancellationToken) : null;
            var facts = new AlertFacts(alert.Service!.Name, alert.Service.Team!.Name, alert.Severity, alert.Urgency, alert.Source, integration, alert.Labels);
            changes.Add(new AlertChange(alert, kind, facts, actor));
            foreach (var observer in observers)
            {
                await observer.OnChangesAsync(db, changes, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var observer in observers)
        {
            observer.OnCommitted(changes);
        }
        return (Outcome.Done, alert);
    }
}
