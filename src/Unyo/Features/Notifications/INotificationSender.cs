namespace Unyo.Features.Notifications;

// Sends one message to one channel of its kind. It does not retry: the outbox dispatcher owns
// retries, timeouts (through the token) and the record of attempts.
public interface INotificationSender
{
    ChannelKind Kind { get; }

    Task<DeliveryOutcome> SendAsync(ChannelTarget channel, NotificationMessage message, CancellationToken cancellationToken);
}
