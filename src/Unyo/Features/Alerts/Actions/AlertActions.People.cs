using System.Globalization;

namespace Unyo.Features.Alerts.Actions;

public sealed partial class AlertActions
{
    public const int MaxNoteLength = 4000;

    // Only an acknowledged alert snoozes: someone is on it and wants to be asked again at `until`.
    // A snooze of a snoozed alert moves the time.
    public async Task<(Outcome Outcome, Alert? Alert)> SnoozeAsync(long alertId, DateTimeOffset until, string actor, CancellationToken cancellationToken)
    {
        var (outcome, alert, _) = await ActAsync(alertId, actor, "alert.snooze", (alert, _) =>
        {
            if (alert.Status != AlertStatus.Acknowledged)
            {
                return new Step(Outcome.NotApplicable);
            }
            alert.SnoozedUntil = until;
            return new Step(Outcome.Done, AlertTimelineKind.Snoozed, $"until {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        }, cancellationToken);
        return (outcome, alert);
    }

    // A snooze ran out: the alert is triggered again and routed anew, as if it had just fired, so
    // the people it pages hear of it again. Done once whichever node sees it first (the Revision
    // token decides), so no audit record: the timeline says it.
    public async Task<Outcome> WakeAsync(long alertId, CancellationToken cancellationToken) =>
        (await ActAsync(alertId, "unyo", null, (alert, now) =>
        {
            if (alert.Status != AlertStatus.Acknowledged || alert.SnoozedUntil is not { } until || until > now)
            {
                return new Step(Outcome.AlreadyDone);
            }
            (alert.Status, alert.SnoozedUntil, alert.AcknowledgedAt, alert.AcknowledgedBy) = (AlertStatus.Triggered, null, null, null);
            return new Step(Outcome.Done, AlertTimelineKind.Unsnoozed, "the snooze ran out; triggered again", AlertChangeKind.Renotify);
        }, cancellationToken)).Outcome;

    // A note changes nothing about the alert (its revision stays), it only adds to the timeline.
    public async Task<(Outcome Outcome, AlertTimelineEntry? Entry)> NoteAsync(long alertId, string text, string actor, CancellationToken cancellationToken)
    {
        var (outcome, _, entry) = await ActAsync(alertId, actor, "alert.note",
            (_, _) => new Step(Outcome.Done, AlertTimelineKind.Note, text, Revises: false), cancellationToken);
        return (outcome, entry);
    }

    public async Task<(Outcome Outcome, Alert? Alert)> ReassignAsync(long alertId, Guid userId, string userEmail, string actor, CancellationToken cancellationToken)
    {
        var (outcome, alert, _) = await ActAsync(alertId, actor, "alert.reassign", (alert, _) =>
        {
            if (alert.AssigneeId == userId)
            {
                return new Step(Outcome.AlreadyDone);
            }
            alert.AssigneeId = userId;
            return new Step(Outcome.Done, AlertTimelineKind.Reassigned, $"to {userEmail}", AlertChangeKind.Reassigned);
        }, cancellationToken);
        return (outcome, alert);
    }
}
