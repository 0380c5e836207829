using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Outbox;

// Sends what the outbox holds, on every node at once: each claims a few due rows (a conditional
// update that only one node can win per row), sends them with a timeout, records the attempt and
// settles the row: delivered, retried later, or dead-lettered. Woken at once by a commit on this
// node; otherwise it looks every second, for other nodes' rows and retries that fell due. That
// second is wall-clock pacing (see RefreshWorker); what is due is judged by the TimeProvider.
public sealed class NotificationDispatcher(IServiceScopeFactory scopes, NotificationOptions options, TimeProvider time, ILogger<NotificationDispatcher> logger) : BackgroundService
{
    public const string Name = "notifications";
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake or about to be.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The wait for a wake-up is kept across rounds: abandoning it would let it swallow the
        // next Wake and leave a fresh commit waiting for the poll.
        Task? woken = null;
        while (options.Send && !stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WorkerMetrics.Failed(Name);
                logger.LogError(exception, "Dispatching notifications failed; trying again in {Poll}", Poll);
            }
            if (sent == 0)
            {
                woken ??= _wake.WaitAsync(stoppingToken);
                if (await Task.WhenAny(woken, Task.Delay(Poll, stoppingToken)) == woken)
                {
                    woken = null;
                }
            }
        }
    }

    // Claims and sends one round of due notifications; returns how many it claimed.
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        if (claimed.Count > 0)
        {
            await Task.WhenAll(claimed.Select(n => SendAsync(n, cancellationToken)));
            WorkerMetrics.Succeeded(Name, time.GetUtcNow());
        }
        return claimed.Count;
    }

    private async Task<List<Notification>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var now = time.GetUtcNow();
        var due = await DueQuery(db, now).Select(n => n.Id).Take(options.Concurrency).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }
        // The claim outlasts one attempt with room to record it; a node that dies holding it
        // lets it run out, and the notification is sent again (receivers drop the duplicate by
        // its delivery id).
        var claim = Guid.NewGuid().ToString("N");
        var until = now + options.Timeout * 2 + TimeSpan.FromSeconds(30);
        await db.Set<Notification>()
            .Where(n => due.Contains(n.Id) && n.Status == NotificationStatus.Pending && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedBy, claim).SetProperty(n => n.ClaimedUntil, until), cancellationToken);
        return await db.Set<Notification>().AsNoTracking().Where(n => n.ClaimedBy == claim).ToListAsync(cancellationToken);
    }

    // What is due, oldest first. A receiver must hear of an alert's changes in the order they
    // happened ("resolved" after the page, not before it while the page is being retried), so a
    // notification waits while an earlier one of its alert to its channel is still pending
    // (claimed rows are pending too); one that was delivered or dead-lettered no longer holds it.
    // Claiming needs no second look at the order: a row blocked here stays blocked until the
    // earlier one leaves Pending, which it never re-enters but by an admin's retry.
    internal static IQueryable<Notification> DueQuery(UnyoDb db, DateTimeOffset now)
    {
        var pending = db.Set<Notification>().Where(n => n.Status == NotificationStatus.Pending);
        return pending
            .Where(n => n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .Where(n => n.AlertId == null || !pending.Any(e => e.AlertId == n.AlertId && e.ChannelId == n.ChannelId && e.CreatedAt < n.CreatedAt))
            .OrderBy(n => n.NextAttemptAt);
    }

    private async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var started = Stopwatch.GetTimestamp();
        var outcome = await AttemptAsync(scope.ServiceProvider, notification, cancellationToken);
        var duration = Stopwatch.GetElapsedTime(started);
        await scope.ServiceProvider.GetRequiredService<DeliveryLedger>().SettleAsync(notification, outcome, duration, cancellationToken);
    }

    private async Task<DeliveryOutcome> AttemptAsync(IServiceProvider services, Notification notification, CancellationToken cancellationToken)
    {
        var channel = await services.GetRequiredService<Channels.ChannelTargets>().LoadAsync(notification.ChannelId, cancellationToken);
        if (channel is null)
        {
            return new DeliveryOutcome(DeliveryResult.Rejected, null, "the channel no longer exists");
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
