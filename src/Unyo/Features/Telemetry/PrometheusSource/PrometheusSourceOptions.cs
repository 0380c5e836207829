using System.Globalization;

namespace Unyo.Features.Telemetry.PrometheusSource;

// How prometheus SLIs are read. Settings: UNYO_PROMETHEUS_BACKFILL (how far back a new SLI is
// read, default 2 h), UNYO_PROMETHEUS_DELAY (how long after a minute ends it is read, default
// 60 s, because scrapes and remote writes land late) and UNYO_PROMETHEUS_TIMEOUT (per request,
// default 10 s). A minute that keeps failing is retried until it is older than the SLI late
// horizon (UNYO_SLI_LATE_HORIZON, the same limit native events have), then given up.
public sealed record PrometheusSourceOptions(TimeSpan Backfill, TimeSpan Delay, TimeSpan Timeout)
{
    public const string HttpClientName = "prometheus";

    public static readonly TimeSpan DefaultBackfill = TimeSpan.FromHours(2);
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    // SLIs read at once: one slow engine holds one slot, the others go on.
    public const int Concurrency = 4;

    // Prometheus refuses a range query of more than 11,000 points; each chunk stays below.
    public const int MaxPointsPerQuery = 10_000;

    // An errorRatio SLI turns each minute into this many weighted events, so every minute with
    // data weighs the same and a ratio keeps six decimals (objectives have at most six).
    public const long ErrorRatioWeight = 1_000_000;

    // At most this much of an answer is read; a sane answer for 10,000 points is far smaller.
    public const int MaxResponseBytes = 8 * 1024 * 1024;

    public static PrometheusSourceOptions From(IConfiguration configuration) => new(
        Read(configuration, "UNYO_PROMETHEUS_BACKFILL", DefaultBackfill, TimeSpan.FromMinutes(1), TimeSpan.FromDays(SliRetention.DefaultDays), TimeSpan.FromMinutes(1), "minutes (120) or hh:mm:ss"),
        Read(configuration, "UNYO_PROMETHEUS_DELAY", DefaultDelay, TimeSpan.Zero, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1), "seconds (60) or hh:mm:ss"),
        Read(configuration, "UNYO_PROMETHEUS_TIMEOUT", DefaultTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1), "seconds (10) or hh:mm:ss"));

    // A whole number counts `unit`s; anything else must be a TimeSpan.
    private static TimeSpan Read(IConfiguration configuration, string name, TimeSpan fallback, TimeSpan min, TimeSpan max, TimeSpan unit, string form)
    {
        var text = configuration[name];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        var value = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var units) && units <= max / unit ? unit * units
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span
            : throw new InvalidOperationException($"{name} '{text}' is not a duration: give {form}.");
        return value >= min && value <= max ? value
            : throw new InvalidOperationException($"{name} '{text}' must be from {Describe(min)} to {Describe(max)}.");
    }

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0} days" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0} min" : $"{span.TotalSeconds:0} s";
}
