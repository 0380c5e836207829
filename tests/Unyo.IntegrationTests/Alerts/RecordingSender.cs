using System.Collections.Concurrent;
using Unyo.Features.Notifications;

namespace Unyo.IntegrationTests.Alerts;

/// A sender for webhook channels that records what it is asked to send and answers as the test
/// says (delivered unless told otherwise), optionally slowly.
public sealed class RecordingSender : INotificationSender
{
    public ConcurrentQueue<(string Channel, NotificationMessage Message)> Sent { get; } = new();

    public Func<NotificationMessage, DeliveryOutcome> Answer { get; set; } = _ => DeliveryOutcome.Delivered(200);

    public TimeSpan Delay { get; set; }

    public ChannelKind Kind => ChannelKind.Webhook;

    public async Task<DeliveryOutcome> SendAsync(ChannelTarget channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }
        Sent.Enqueue((channel.Name, message));
        return Answer(message);
    }
}
