using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Actions;
using Unyo.Features.Notifications.Routes;

namespace Unyo.Features.Notifications.Outbox;

// Turns alert changes into outbox rows inside the transaction that stores the changes. A new
// alert goes where routing sends it; its acknowledgement and resolution go to the channels that
// were told of it, so a chat thread hears the end of what it heard begin.
public sealed class AlertNotifier(AlertRouter router, ActionLinks links, NotificationOptions options, NotificationDispatcher dispatcher, TimeProvider time) : IAlertChangeObserver
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
                if (channels.Count == 0)
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
                // The channels told it began: stored, or written a moment ago in this same batch
                // (opened and resolved in one request), which only the context knows of yet.
                var told = await db.Set<Notification>().Where(n => n.AlertId == alert.Id && (n.Event == NotificationEvent.Triggered || n.Event == NotificationEvent.Escalated))
                    .Select(n => n.ChannelId).ToListAsync(cancellationToken);
                channels = [.. told.Concat(db.Set<Notification>().Local
                    .Where(n => n.AlertId == alert.Id && n.Event is NotificationEvent.Triggered or NotificationEvent.Escalated).Select(n => n.ChannelId)).Distinct()];
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
                    Message = NotificationJson.Write(MessageFor(id, notificationEvent, change)),
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
        }
    }

    private NotificationMessage MessageFor(Guid deliveryId, NotificationEvent notificationEvent, AlertChange change)
    {
        var alert = change.Alert;
        var open = alert.Status != AlertStatus.Resolved;
        return new NotificationMessage(
            deliveryId, notificationEvent, alert.Id, new Uri(options.PublicUrl, $"alerts/{alert.Id}").ToString(),
            alert.Summary, change.Facts.Service, change.Facts.Team, alert.Severity, alert.Urgency, alert.Status, alert.Source, alert.DedupKey,
            alert.RunbookUrl, alert.RunbookMissing, alert.Links, alert.Labels, alert.Details, alert.OccurrenceCount, alert.LastSeenAt,
            open && alert.Status == AlertStatus.Triggered ? ActionUrl(AlertActionKind.Acknowledge, alert.Id) : null,
            open ? ActionUrl(AlertActionKind.Resolve, alert.Id) : null);
    }

    private string ActionUrl(AlertActionKind action, long alertId) => new Uri(options.PublicUrl, $"alerts/act/{links.Token(action, alertId)}").ToString();
}
