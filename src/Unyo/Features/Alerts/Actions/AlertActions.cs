using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts.Pipeline;

namespace Unyo.Features.Alerts.Actions;

// What people do to an alert: acknowledge it (someone is on it) or resolve it. Each change lands
// on the timeline and reaches the observers (notifications) in the same transaction.
public sealed class AlertActions(UnyoDb db, AlertGroups groups, TimeProvider time, IEnumerable<IAlertChangeObserver> observers)
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
            case AlertActionKind.Resolve or AlertActionKind.AutoResolve when alert.Status != AlertStatus.Resolved:
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
            Kind = (kind, action) switch
            {
                (AlertChangeKind.Acknowledged, _) => AlertTimelineKind.Acknowledged,
                (_, AlertActionKind.AutoResolve) => AlertTimelineKind.AutoResolved,
                _ => AlertTimelineKind.Resolved,
            },
        });
        List<AlertChange> changes = [];
        if (alert.IsToldOfAlone())
        {
            changes.Add(new AlertChange(alert, kind, await groups.FactsAsync(alert, cancellationToken), actor));
        }
        if (kind == AlertChangeKind.Resolved)
        {
            foreach (var lead in await groups.UngroupAsync([alert], cancellationToken))
            {
                db.AlertTimeline.Add(new AlertTimelineEntry { AlertId = lead.Id, At = now, Actor = "unyo", Kind = AlertTimelineKind.Ungrouped, Text = AlertGroups.UngroupedText });
                if (lead.Status == AlertStatus.Triggered)
                {
                    changes.Add(new AlertChange(lead, AlertChangeKind.Triggered, await groups.FactsAsync(lead, cancellationToken), "unyo"));
                }
            }
        }
        if (changes.Count > 0)
        {
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
