namespace Unyo.Features.Notifications.Outbox;

// When to try a failing notification again: exponential from 2 s, capped at 5 minutes, with
// jitter so that a receiver coming back is not hit by every node's retries at the same instant;
// never sooner than the receiver's Retry-After (capped at an hour).
public static class RetryDelay
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    public static TimeSpan After(int attempts, TimeSpan? retryAfter, double jitter)
    {
        var exponent = Math.Min(attempts - 1, 20);
        var backoff = TimeSpan.FromTicks(Math.Min(Cap.Ticks, First.Ticks << exponent));
        // Between half and all of the backoff ("equal jitter").
        var delay = backoff / 2 + backoff / 2 * Math.Clamp(jitter, 0, 1);
        return retryAfter is { } asked && asked > delay ? (asked > MaxRetryAfter ? MaxRetryAfter : asked) : delay;
    }
}
