using System.Globalization;

namespace Unyo.Features.Checks;

// Settings of the check runner and its history (environment or appsettings):
// UNYO_CHECKS_PER_HOST (runs at once against one target host, default 16, 1-1000),
// UNYO_CHECKS_CONCURRENCY (runs at once on this node, default 512, 1-10000),
// UNYO_CHECKS_RAW_RESULTS (raw results kept per check, default 100, 10-10000),
// UNYO_CHECKS_MINUTE_DAYS (days of per-minute history, default 90, 1-800),
// UNYO_CHECKS_RUN_LOCAL (false: this node runs no local checks, e.g. an API-only node; default true).
public sealed record CheckOptions(int PerHostConcurrency, int Concurrency, int RawResults, int MinuteDays, bool RunLocal)
{
    public static CheckOptions From(IConfiguration configuration) => new(
        Read(configuration, "UNYO_CHECKS_PER_HOST", 16, 1, 1000, "runs at once against one host"),
        Read(configuration, "UNYO_CHECKS_CONCURRENCY", 512, 1, 10_000, "runs at once on this node"),
        Read(configuration, "UNYO_CHECKS_RAW_RESULTS", 100, 10, 10_000, "raw results kept per check"),
        Read(configuration, "UNYO_CHECKS_MINUTE_DAYS", 90, 1, 800, "days of per-minute history"),
        !string.Equals(configuration["UNYO_CHECKS_RUN_LOCAL"], "false", StringComparison.OrdinalIgnoreCase));

    private static int Read(IConfiguration configuration, string key, int fallback, int min, int max, string what)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{key} '{text}' must be a whole number from {min} to {max} ({what}).");
    }
}
