using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Prometheus;

namespace Unyo.Hosting;

// A token bucket per caller for /api: one token, one session or, before either is known, one
// client address. A runaway script gets 429 with Retry-After and everyone else keeps working.
// Limits are per node: N nodes behind a balancer allow up to N times the rate.
public static class ApiRateLimits
{
    public const int DefaultPerSecond = 50;
    public const int DefaultBurst = 200;

    private static readonly Counter Refused = Metrics.CreateCounter("unyo_http_rate_limited_total", "API requests refused with 429, by kind of caller.", "caller");

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perSecond = Read(configuration, "UNYO_API_RATE_LIMIT", DefaultPerSecond);
        var burst = Math.Max(perSecond, Read(configuration, "UNYO_API_RATE_BURST", Math.Max(DefaultBurst, perSecond)));
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                perSecond == 0 || !IsApi(context.Request.Path)
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetTokenBucketLimiter(Caller(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = burst,
                        TokensPerPeriod = perSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    // Heartbeat pings and PagerDuty-compatible events (/v2) are anonymous: limited per client
    // address like any caller not yet known. OTLP (/v1) is not: one ingest token serves a whole
    // fleet of exporters, and the ingest queue bounds it.
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/ping") || path.StartsWithSegments("/v2");

    private static string Caller(HttpContext context) =>
        context.User.FindFirstValue(Policies.TokenClaim) is { } token ? $"token:{token}"
        : context.User.FindFirstValue(Policies.SessionClaim) is { } session ? $"session:{session}"
        : $"ip:{context.Connection.RemoteIpAddress}";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        // A bucket refills a token every 1/rate seconds: one second is always enough to retry.
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        Refused.WithLabels(Caller(context).Split(':')[0]).Inc();
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments("/v2"))
        {
            // PagerDuty's clients read its own throttle answer.
            await Results.Json(new { status = "throttle event", message = $"Requests are arriving too quickly; retry after {retryAfter} s." },
                statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
            return;
        }
        await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests.",
                detail: $"This caller sent more than the API allows. Retry after {retryAfter} s.")
            .ExecuteAsync(context);
    }

    private static int Read(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 100_000 ? value
            : throw new InvalidOperationException($"{key} '{text}' must be a whole number of requests per second from 0 (no limit) to 100000.");
    }
}
