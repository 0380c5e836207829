using System.Threading.RateLimiting;

namespace Unyo.Features.StatusPages.Subscriptions;

// Subscribing sends mail to an address anyone types: a few tries per client address per minute,
// so the form cannot be used to flood someone's inbox or the outbox.
// UNYO_STATUS_SUBSCRIBE_PER_MINUTE sets how many (5 by default).
public sealed class SubscribeRateLimit(IConfiguration configuration) : IDisposable
{
    public const int DefaultPerMinute = 5;

    private readonly PartitionedRateLimiter<string> _limiter = Create(Read(configuration));

    private static int Read(IConfiguration configuration) =>
        configuration["UNYO_STATUS_SUBSCRIBE_PER_MINUTE"] is { Length: > 0 } text
            ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 10_000
                ? value
                : throw new InvalidOperationException($"UNYO_STATUS_SUBSCRIBE_PER_MINUTE '{text}' must be a whole number from 1 to 10000.")
            : DefaultPerMinute;

    private static PartitionedRateLimiter<string> Create(int perMinute) => PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
        }));

    public bool TryAcquire(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
