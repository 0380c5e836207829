using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.OnCall.Escalation;
using Unyo.Features.Notifications.Routes;

namespace Unyo.Features.Notifications.Outbox;

// Turns alert changes into outbox rows inside the transaction that stores the changes. A new
// alert goes where routing sends it: channels get a message, escalation policies start an
// escalation (the engine pages people). Its acknowledgement and resolution go to the channels
// that were told of it, so a chat thread hears the end of what it heard begin; they stop its
// escalations and cancel personal page steps not yet sent. A reassignment pages the assignee.
public sealed class AlertNotifier(
    AlertRouter router, AlertMessages messages, NotificationOptions options, NotificationDispatcher dispatcher, EscalationEngine escalations, EscalationWorker escalationWorker, TimeProvider time)
    : IAlertChangeObserver
{
    private static readonly TimeSpan FirstLoad = TimeSpan.FromSeconds(5);
    // PostgreSQL keeps timestamps to the microsecond.
    private static readonly TimeSpan Tick = TimeSpan.FromMicroseconds(1);

    public async Task OnChangesAsync(UnyoDb db, IReadOnlyList<AlertChange> changes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (router.Loaded.IsCompleted && changes.Any(c => c.Kind is AlertChangeKind.Triggered or AlertChangeKind.Renotify))
        {
            // A cheap look (two counts) before routing, so a route or channel written a moment ago
            // on any node, through the API or YAML, already decides where this batch goes.
            await router.RefreshAsync(force: false, cancellationToken);
        }
        var latest = await LatestWrittenAsync(db, changes, cancellationToken);
        foreach (var change in changes)
        {
            var alert = change.Alert;
            if (change.Kind == AlertChangeKind.Reassigned)
            {
                if (alert.AssigneeId is { } assignee)
                {
                    await CancelPersonalStepsAsync(db, alert.Id, now, cancellationToken);
                    await escalations.ReassignAsync(alert, assignee, change.Actor, cancellationToken);
                }
                continue;
            }
            IReadOnlyList<Guid> channels;
            if (change.Kind is AlertChangeKind.Triggered or AlertChangeKind.Renotify)
            {
                if (!router.Loaded.IsCompleted)
                {
                    // Just started: the routes' first read, briefly; the team's default channels otherwise.
                    await Task.WhenAny(router.Loaded, Task.Delay(FirstLoad, cancellationToken));
                }
                var decision = router.Route(change.Facts);
                channels = decision.ChannelIds;
                if (decision.PolicyIds.Count > 0)
                {
                    await escalations.StartAsync(alert, decision.PolicyIds, cancellationToken);
                }
                if (decision.Targets.Count == 0)
                {
                    db.AlertTimeline.Add(new AlertTimelineEntry { AlertId = alert.Id, At = now, Kind = AlertTimelineKind.Unrouted, Actor = "unyo", Text = decision.Reason });
                }
                else if (decision.Reason is { } why)
                {
                    db.AlertTimeline.Add(new AlertTimelineEntry { AlertId = alert.Id, At = now, Kind = AlertTimelineKind.Note, Actor = "unyo", Text = why });
                }
            }
            else
            {
                await escalations.StopAsync(alert, change.Kind == AlertChangeKind.Resolved ? EscalationStatus.Resolved : EscalationStatus.Acknowledged, cancellationToken);
                await CancelPersonalStepsAsync(db, alert.Id, now, cancellationToken);
                // The channels told it began: stored, or written a moment ago in this same batch
                // (opened and resolved in one request), which only the context knows of yet.
                var told = await db.Set<Notification>().Where(n => n.AlertId == alert.Id && (n.Event == NotificationEvent.Triggered || n.Event == NotificationEvent.Escalated))
                    .Where(n => n.ChannelId != null).Select(n => n.ChannelId!.Value).ToListAsync(cancellationToken);
                channels = [.. told.Concat(db.Set<Notification>().Local
                    .Where(n => n.AlertId == alert.Id && n.ChannelId != null && n.Event is NotificationEvent.Triggered or NotificationEvent.Escalated).Select(n => n.ChannelId!.Value)).Distinct()];
            }
            var notificationEvent = change.Kind switch
            {
                AlertChangeKind.Triggered => NotificationEvent.Triggered,
                AlertChangeKind.Acknowledged => NotificationEvent.Acknowledged,
                AlertChangeKind.Resolved => NotificationEvent.Resolved,
                _ => NotificationEvent.Escalated,
            };
            var createdAt = latest.TryGetValue(alert.Id, out var before) && before >= now ? before + Tick : now;
            latest[alert.Id] = createdAt;
            foreach (var channel in channels)
            {
                var id = Guid.NewGuid();
                db.Add(new Notification
                {
                    Id = id,
                    ChannelId = channel,
                    AlertId = alert.Id,
                    Event = notificationEvent,
                    Message = NotificationJson.Write(messages.For(id, notificationEvent, alert, change.Facts.Service, change.Facts.Team)),
                    Status = NotificationStatus.Pending,
                    CreatedAt = createdAt,
                    NextAttemptAt = now,
                    GiveUpAt = now + options.RetryFor,
                });
            }
        }
    }

    // The dispatcher sends an alert's notifications to a channel in CreatedAt order, so a later
    // change must be stamped later than every earlier one of its alert even when clocks do not
    // help: two changes in one transaction, a clock that did not move, another node's clock a
    // little ahead. Changes to one alert are serialised by its revision (the row is updated
    // before observers run), so the latest stamp read here cannot be overtaken. A Triggered
    // change opens what people hear of an alert and has nothing before it.
    private static async Task<Dictionary<long, DateTimeOffset>> LatestWrittenAsync(UnyoDb db, IReadOnlyList<AlertChange> changes, CancellationToken cancellationToken)
    {
        var told = changes.Where(c => c.Kind != AlertChangeKind.Triggered).Select(c => c.Alert.Id).Distinct().ToList();
        if (told.Count == 0)
        {
            return [];
        }
        return await db.Set<Notification>().Where(n => n.AlertId != null && told.Contains(n.AlertId.Value))
            .GroupBy(n => n.AlertId!.Value).Select(g => new { AlertId = g.Key, Latest = g.Max(n => n.CreatedAt) })
            .ToDictionaryAsync(x => x.AlertId, x => x.Latest, cancellationToken);
    }

    public void OnCommitted(IReadOnlyList<AlertChange> changes)
    {
        if (changes.Count > 0)
        {
            dispatcher.Wake();
            escalationWorker.Wake();
        }
    }

    // Personal page steps not yet sent (a voice call due in five minutes) are moot once someone
    // acknowledges, resolves or takes the alert. Tracked rows, so the change commits with the alert's.
    private static async Task CancelPersonalStepsAsync(UnyoDb db, long alertId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = await db.Set<Notification>()
            .Where(n => n.AlertId == alertId && n.UserId != null && n.Status == NotificationStatus.Pending && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ToListAsync(cancellationToken);
        foreach (var notification in waiting.Concat(db.Set<Notification>().Local.Where(n => n.AlertId == alertId && n.UserId != null && n.Status == NotificationStatus.Pending)).Distinct())
        {
            (notification.Status, notification.LastError) = (NotificationStatus.Cancelled, "cancelled: the alert was acknowledged, resolved or reassigned before this step was sent");
        }
    }
}
