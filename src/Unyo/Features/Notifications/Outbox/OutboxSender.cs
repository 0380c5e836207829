using System.Diagnostics;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Outbox;

// Makes one attempt at a claimed notification: finds its channel and the sender for its kind,
// and sends within the timeout. Whatever happens becomes an outcome; nothing is thrown but a
// shutdown's cancellation.
public sealed class OutboxSender(IServiceScopeFactory scopes, NotificationOptions options, ILogger<OutboxSender> logger)
{
    public async Task<SentNotification> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var started = Stopwatch.GetTimestamp();
        var outcome = await AttemptAsync(scope.ServiceProvider, notification, cancellationToken);
        return new SentNotification(notification, outcome, Stopwatch.GetElapsedTime(started));
    }

    private async Task<DeliveryOutcome> AttemptAsync(IServiceProvider services, Notification notification, CancellationToken cancellationToken)
    {
        var channel = notification.ChannelId is { } channelId
            ? await services.GetRequiredService<Channels.ChannelTargets>().LoadAsync(channelId, cancellationToken)
            : notification.SubscriberId is { } subscriberId
            ? await services.GetRequiredService<ISubscriberTargets>().LoadAsync(subscriberId, cancellationToken)
            : await services.GetRequiredService<Personal.PersonalTargets>().LoadAsync(notification.UserId!.Value, notification.ContactMethodId, cancellationToken);
        if (channel is null)
        {
            return new DeliveryOutcome(DeliveryResult.Rejected, null, notification.ChannelId is not null ? "the channel no longer exists" : notification.SubscriberId is not null ? "the subscriber no longer exists" : "the person no longer exists");
        }
        // As with DI, the last sender registered for a kind wins.
        var sender = services.GetServices<INotificationSender>().LastOrDefault(s => s.Kind == channel.Kind);
        if (sender is null)
        {
            return new DeliveryOutcome(DeliveryResult.Rejected, null, $"this node cannot send to {channel.Kind} channels");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            return await sender.SendAsync(channel, NotificationJson.Read(notification.Message), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(DeliveryResult.RetryLater, null, $"no answer within {Durations.Format(options.Timeout)}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A sender should not throw for a receiver's failure; if one does, the notification
            // is kept and retried rather than lost.
            logger.LogWarning(exception, "The {Kind} sender failed on notification {Id}", channel.Kind, notification.Id);
            return new DeliveryOutcome(DeliveryResult.RetryLater, null, exception.Message);
        }
    }
}
