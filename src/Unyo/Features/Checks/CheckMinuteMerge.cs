using Unyo.Features.Checks.Probes;

namespace Unyo.Features.Checks;

// Adds results to a minute and keeps its percentiles exact over the latencies it holds.
public static class CheckMinuteMerge
{
    // More runs than this in one minute (a 10 s check from 16 locations is 96) keep counting, but
    // their latencies are no longer kept: the percentiles then describe the first ones.
    public const int MaxLatencies = 240;

    public static void Add(CheckMinute minute, ProbeOutcome outcome, int latencyMs)
    {
        minute.Version++;
        switch (outcome)
        {
            case ProbeOutcome.Up: minute.Up++; break;
            case ProbeOutcome.Degraded: minute.Degraded++; break;
            default: minute.Down++; break;
        }
        if (minute.LatenciesMs.Count < MaxLatencies)
        {
            var at = minute.LatenciesMs.BinarySearch(latencyMs);
            minute.LatenciesMs.Insert(at < 0 ? ~at : at, latencyMs);
        }
        minute.MaxMs = Math.Max(minute.MaxMs, latencyMs);
        minute.P50Ms = Percentile(minute.LatenciesMs, 0.50);
        minute.P95Ms = Percentile(minute.LatenciesMs, 0.95);
        minute.P99Ms = Percentile(minute.LatenciesMs, 0.99);
    }

    // Nearest rank: the smallest value with at least p of the values at or below it.
    public static int Percentile(IReadOnlyList<int> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
