using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts.Pipeline;
using Unyo.Features.Audit;

namespace Unyo.Features.Alerts.Actions;

// What people do to an alert: acknowledge it (someone is on it), resolve it, snooze it, note
// something on it or hand it to someone else; and what the snooze worker does when a snooze runs
// out. Each change lands on the timeline, the audit log (for people's changes) and, when someone
// should hear of it, reaches the observers (notifications) in the same transaction.
public sealed partial class AlertActions(UnyoDb db, AlertGroups groups, TimeProvider time, AuditLog audit, IEnumerable<IAlertChangeObserver> observers)
{
    public enum Outcome
    {
        Done,
        AlreadyDone,
        NotFound,
        // The alert is not in a state the action applies to (snoozing a triggered alert).
        NotApplicable,
    }

    // What a decision did to a loaded alert: the timeline entry to write and the change, if any,
    // that observers hear of.
    private sealed record Step(Outcome Outcome, AlertTimelineKind? Entry = null, string? Text = null, AlertChangeKind? Change = null, bool Revises = true);

    public async Task<(Outcome Outcome, Alert? Alert)> ApplyAsync(long alertId, AlertActionKind action, string actor, CancellationToken cancellationToken)
    {
        // Unyo's own auto-resolve is on the timeline; the audit log keeps what people did.
        var auditAction = action switch
        {
            AlertActionKind.Acknowledge => "alert.acknowledge",
            AlertActionKind.Resolve => "alert.resolve",
            _ => null,
        };
        var (outcome, alert, _) = await ActAsync(alertId, actor, auditAction, (alert, now) => action switch
        {
            AlertActionKind.Acknowledge when alert.Status == AlertStatus.Triggered => Acknowledge(alert, now, actor),
            AlertActionKind.Resolve when alert.Status != AlertStatus.Resolved => Resolve(alert, now, actor),
            AlertActionKind.AutoResolve when alert.Status != AlertStatus.Resolved => Resolve(alert, now, actor) with { Entry = AlertTimelineKind.AutoResolved },
            _ => new Step(Outcome.AlreadyDone),
        }, cancellationToken);
        return (outcome, alert);
    }

    private static Step Acknowledge(Alert alert, DateTimeOffset now, string actor)
    {
        (alert.Status, alert.AcknowledgedAt, alert.AcknowledgedBy) = (AlertStatus.Acknowledged, now, actor);
        return new Step(Outcome.Done, AlertTimelineKind.Acknowledged, Change: AlertChangeKind.Acknowledged);
    }

    private static Step Resolve(Alert alert, DateTimeOffset now, string actor)
    {
        (alert.Status, alert.ResolvedAt, alert.ResolvedBy, alert.SnoozedUntil) = (AlertStatus.Resolved, now, actor, null);
        return new Step(Outcome.Done, AlertTimelineKind.Resolved, Change: AlertChangeKind.Resolved);
    }

    // Loads the alert in a transaction, lets decide change it, and stores the change with its
    // timeline entry, audit record and observers' rows. Two writers on one alert (a person and
    // the intake pipeline) meet at the Revision token: the loser reloads and decides again.
    private async Task<(Outcome Outcome, Alert? Alert, AlertTimelineEntry? Entry)> ActAsync(
        long alertId, string actor, string? auditAction, Func<Alert, DateTimeOffset, Step> decide, CancellationToken cancellationToken)
    {
        for (var round = 1; ; round++)
        {
            try
            {
                return await TryActAsync(alertId, actor, auditAction, decide, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (round < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(Outcome Outcome, Alert? Alert, AlertTimelineEntry? Entry)> TryActAsync(
        long alertId, string actor, string? auditAction, Func<Alert, DateTimeOffset, Step> decide, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var alert = await db.Alerts.Include(a => a.Service!).ThenInclude(s => s.Team).SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
        {
            return (Outcome.NotFound, null, null);
        }
        var now = time.GetUtcNow();
        var step = decide(alert, now);
        if (step.Outcome != Outcome.Done)
        {
            return (step.Outcome, alert, null);
        }
        if (step.Revises)
        {
            alert.Revision++;
        }
        var entry = step.Entry is { } kind ? new AlertTimelineEntry { AlertId = alert.Id, At = now, Actor = actor, Kind = kind, Text = step.Text } : null;
        if (entry is not null)
        {
            db.AlertTimeline.Add(entry);
        }
        if (auditAction is not null)
        {
            audit.RecordHere(auditAction, "Alert", alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
                new { alert.Status, alert.AssigneeId, alert.SnoozedUntil, Text = step.Text });
        }
        await db.SaveChangesAsync(cancellationToken);
        // Grouped and suppressed alerts reach people through their group's lead, or not at all.
        List<AlertChange> changes = [];
        if (step.Change is { } change && alert.IsToldOfAlone())
        {
            changes.Add(new AlertChange(alert, change, await groups.FactsAsync(alert, cancellationToken), actor));
        }
        if (step.Change == AlertChangeKind.Resolved)
        {
            // A lead resolving first hands its group to the oldest open member, which is told of now.
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
        return (Outcome.Done, alert, entry);
    }
}
