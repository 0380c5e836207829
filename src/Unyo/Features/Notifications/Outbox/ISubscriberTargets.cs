namespace Unyo.Features.Notifications.Outbox;

// Where a status page subscriber's notification goes, as a one-recipient channel read at send
// time. Status pages (a floor above) implement it, so the outbox delivers their mail and webhooks
// with the same retries and dead letters without knowing what a subscriber is. Null when gone.
public interface ISubscriberTargets
{
    Task<ChannelTarget?> LoadAsync(Guid subscriberId, CancellationToken cancellationToken);
}
