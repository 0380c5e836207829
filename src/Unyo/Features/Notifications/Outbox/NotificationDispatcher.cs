using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Outbox;

// Sends what the outbox holds, on every node at once: each claims due rows (a conditional update
// that only one node can win per row), sends them with a timeout, and the ledger settles them:
// delivered, retried later, or dead-lettered. Up to UNYO_NOTIFY_CONCURRENCY sends are under way
// at once, and a free slot is filled as soon as it frees, so one slow receiver holds only its
// own slots, never a round. Attempts are recorded in batches, one transaction for as many as
// finished meanwhile. Woken at once by a commit on this node; otherwise it looks every second,
// for other nodes' rows and retries that fell due. That second is wall-clock pacing (see
// RefreshWorker); what is due is judged by the TimeProvider.
public sealed class NotificationDispatcher(IServiceScopeFactory scopes, OutboxSender sender, NotificationOptions options, TimeProvider time, ILogger<NotificationDispatcher> logger) : BackgroundService
{
    public const string Name = "notifications";
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private const int MaxSettleBatch = 256;

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Channel<SentNotification> _sent = Channel.CreateUnbounded<SentNotification>(new UnboundedChannelOptions { SingleReader = true });
    private int _inFlight;

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
        if (!options.Send)
        {
            return;
        }
        var settling = SettleAsync(stoppingToken);
        // The wait for a wake-up is kept across rounds: abandoning it would let it swallow the
        // next Wake and leave a fresh commit waiting for the poll.
        Task? woken = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var free = options.Concurrency - Volatile.Read(ref _inFlight);
            var claimed = 0;
            if (free > 0)
            {
                try
                {
                    claimed = Start(await ClaimAsync(free, stoppingToken), stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    WorkerMetrics.Failed(Name);
                    logger.LogError(exception, "Claiming notifications failed; trying again in {Poll}", Poll);
                }
            }
            if (claimed > 0 && claimed < free)
            {
                // Everything due was taken and slots are left: look again only when told.
                claimed = 0;
            }
            if (claimed == 0)
            {
                woken ??= _wake.WaitAsync(stoppingToken);
                try
                {
                    if (await Task.WhenAny(woken, Task.Delay(Poll, stoppingToken)) == woken)
                    {
                        woken = null;
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        await settling;
    }

    // Claims and sends one round of due notifications and records them; returns how many it
    // claimed. For tests and tools that drive the outbox by hand (the loop above is off then).
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(options.Concurrency, cancellationToken);
        if (claimed.Count > 0)
        {
            var sent = await Task.WhenAll(claimed.Select(n => sender.SendAsync(n, cancellationToken)));
            await RecordAsync(sent, cancellationToken);
        }
        return claimed.Count;
    }

    private int Start(List<Notification> claimed, CancellationToken cancellationToken)
    {
        foreach (var notification in claimed)
        {
            Interlocked.Increment(ref _inFlight);
            _ = SendOneAsync(notification, cancellationToken);
        }
        return claimed.Count;
    }

    private async Task SendOneAsync(Notification notification, CancellationToken cancellationToken)
    {
        try
        {
            _sent.Writer.TryWrite(await sender.SendAsync(notification, cancellationToken));
        }
        catch (Exception exception)
        {
            // Shutting down mid-send, or the channel could not even be read (the database is
            // away): the claim runs out and the notification is sent again (receivers drop a
            // duplicate by its delivery id). The slot is free again either way.
            Interlocked.Decrement(ref _inFlight);
            if (exception is not OperationCanceledException)
            {
                WorkerMetrics.Failed(Name);
                logger.LogError(exception, "Sending notification {Id} failed before an attempt could be made; it is sent again when its claim runs out", notification.Id);
            }
        }
    }

    // Records finished attempts, as many as are waiting in one transaction, and frees their slots.
    private async Task SettleAsync(CancellationToken stoppingToken)
    {
        var batch = new List<SentNotification>(MaxSettleBatch);
        try
        {
            while (await _sent.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxSettleBatch && _sent.Reader.TryRead(out var sent))
                {
                    batch.Add(sent);
                }
                try
                {
                    await RecordAsync(batch, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Unrecorded, the claims run out and the notifications are sent again.
                    WorkerMetrics.Failed(Name);
                    logger.LogError(exception, "Recording {Count} notification attempts failed; they will be sent again when their claims run out", batch.Count);
                }
                Interlocked.Add(ref _inFlight, -batch.Count);
                batch.Clear();
                Wake();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecordAsync(IReadOnlyList<SentNotification> sent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryLedger>().SettleAsync(sent, cancellationToken);
        WorkerMetrics.Succeeded(Name, time.GetUtcNow());
    }

    private async Task<List<Notification>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var now = time.GetUtcNow();
        var due = await DueQuery(db, now).Select(n => n.Id).Take(limit).ToListAsync(cancellationToken);
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
    // Personal pages are not ordered: each is one step of one person's rules, and acknowledgements
    // and resolutions cancel them rather than follow them.
    // Claiming needs no second look at the order: a row blocked here stays blocked until the
    // earlier one leaves Pending, which it never re-enters but by an admin's retry.
    internal static IQueryable<Notification> DueQuery(UnyoDb db, DateTimeOffset now)
    {
        var pending = db.Set<Notification>().Where(n => n.Status == NotificationStatus.Pending);
        return pending
            .Where(n => n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .Where(n => n.AlertId == null || n.ChannelId == null || !pending.Any(e => e.AlertId == n.AlertId && e.ChannelId == n.ChannelId && e.CreatedAt < n.CreatedAt))
            .OrderBy(n => n.NextAttemptAt);
    }
}
