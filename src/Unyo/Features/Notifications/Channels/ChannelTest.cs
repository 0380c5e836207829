using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Audit;

namespace Unyo.Features.Notifications.Channels;

// Sends one Test message to a channel at once, past the outbox: whoever sets a channel up wants
// to know now whether the receiver takes it. The attempt is audited (it sends traffic on the
// team's behalf), with its outcome but not its content.
public sealed class ChannelTest(ChannelTargets targets, ChannelSenders senders, AuditLog audit, UnyoDb db, TimeProvider time)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<ChannelTestResponse> SendAsync(NotificationChannel channel, string baseUrl, string source, CancellationToken cancellationToken)
    {
        var message = Message(channel, baseUrl, time.GetUtcNow());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var outcome = await senders.For(channel.Kind).SendAsync(targets.From(channel), message, deadline.Token);
        var result = outcome.Result switch
        {
            DeliveryResult.Delivered => "delivered",
            DeliveryResult.RetryLater => "retryLater",
            _ => "rejected",
        };
        audit.Record("notificationchannel.test", NotificationChannelSpec.KindName, channel.Name, null, new { result, statusCode = outcome.StatusCode }, source);
        await db.SaveChangesAsync(CancellationToken.None);
        return new ChannelTestResponse(result, outcome.StatusCode, outcome.Detail, outcome.RetryAfter?.TotalSeconds);
    }

    public static NotificationMessage Message(NotificationChannel channel, string baseUrl, DateTimeOffset now) => new(
        DeliveryId: Guid.CreateVersion7(now),
        Event: NotificationEvent.Test,
        AlertId: 0,
        AlertUrl: $"{baseUrl.TrimEnd('/')}/notification-channels/{channel.Name}",
        Summary: $"Test notification for channel {channel.Name}",
        Service: "unyo",
        Team: channel.Team?.Name ?? "",
        Severity: AlertSeverity.Info,
        Urgency: AlertUrgency.Low,
        Status: AlertStatus.Triggered,
        Source: "unyo",
        DedupKey: $"test-{channel.Name}",
        RunbookUrl: null,
        RunbookMissing: false,
        Links: [],
        Labels: new Dictionary<string, string>(),
        Details: "If you can read this, Unyo can reach this channel.",
        Occurrences: 1,
        OccurredAt: now,
        AcknowledgeUrl: null,
        ResolveUrl: null);
}
