using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Outbox;

// Records attempts and settles their notifications, a batch in one transaction: delivered, due
// again later, or dead-lettered. Only the claim that sent a notification may settle it; one whose
// claim ran out (another node took it over) is left to that node's record.
public sealed class DeliveryLedger(UnyoDb db, TimeProvider time)
{
    private const int MaxDetail = 1000;

    public async Task SettleAsync(IReadOnlyList<SentNotification> sent, CancellationToken cancellationToken)
    {
        if (sent.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        var settled = new List<(NotificationStatus Status, DeliveryResult Result)>(sent.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (notification, outcome, duration) in sent)
        {
            var attempts = notification.Attempts + 1;
            var detail = outcome.Detail is { Length: > MaxDetail } text ? text[..(MaxDetail - 1)] + "…" : outcome.Detail;
            var next = now + RetryDelay.After(attempts, outcome.RetryAfter, Random.Shared.NextDouble());
            var status = outcome.Result switch
            {
                DeliveryResult.Delivered => NotificationStatus.Delivered,
                DeliveryResult.RetryLater when next <= notification.GiveUpAt => NotificationStatus.Pending,
                _ => NotificationStatus.Dead,
            };
            var error = status == NotificationStatus.Dead && outcome.Result == DeliveryResult.RetryLater
                ? $"gave up after {attempts} attempts: {detail}"
                : outcome.Result == DeliveryResult.Delivered ? null : detail;
            var updated = await db.Set<Notification>()
                .Where(n => n.Id == notification.Id && n.ClaimedBy == notification.ClaimedBy)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.Status, status)
                    .SetProperty(n => n.Attempts, attempts)
                    .SetProperty(n => n.NextAttemptAt, status == NotificationStatus.Pending ? next : now)
                    .SetProperty(n => n.DeliveredAt, status == NotificationStatus.Delivered ? now : null)
                    .SetProperty(n => n.LastStatusCode, outcome.StatusCode)
                    .SetProperty(n => n.LastError, error)
                    .SetProperty(n => n.ClaimedBy, (string?)null)
                    .SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
            if (updated == 0)
            {
                continue;
            }
            db.Add(new NotificationAttempt
            {
                NotificationId = notification.Id,
                At = now,
                Result = outcome.Result,
                StatusCode = outcome.StatusCode,
                Detail = detail,
                DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds),
                Node = LeaseClaims.NodeId,
            });
            settled.Add((status, outcome.Result));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var (status, result) in settled)
        {
            NotificationMetrics.Attempts.WithLabels(result.ToString().ToLowerInvariant()).Inc();
            if (status == NotificationStatus.Dead)
            {
                NotificationMetrics.DeadLettered.Inc();
            }
        }
    }
}
