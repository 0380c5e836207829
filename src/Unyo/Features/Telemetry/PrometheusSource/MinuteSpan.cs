namespace Unyo.Features.Telemetry.PrometheusSource;

// Whole minutes [First, End) (SliMinute numbers) and how PromQL reads them. A value evaluated at
// instant T with a one-minute range covers (T − 1m, T]: the minute that ends at T. So one minute
// is an instant query at its end, and several are a range query from the first one's end to the
// last one's end with a 60 s step.
public readonly record struct MinuteSpan(long First, long End)
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(1);

    public int Count => (int)Math.Max(0, End - First);

    public DateTimeOffset FirstEvaluation => SliMinute.Start(First + 1);

    public DateTimeOffset LastEvaluation => SliMinute.Start(End);

    // The minute a sample evaluated at `at` describes.
    public static long MinuteOf(DateTimeOffset at) => SliMinute.LastBefore(at);

    public bool Contains(long minute) => minute >= First && minute < End;

    // The minutes a cycle reads for one SLI: from where it stopped (a new SLI: `backfill` ago, no
    // further back than retention keeps) up to the last minute that ended at least `delay` ago.
    public static MinuteSpan ToRead(DateTimeOffset now, DateTimeOffset? readThrough, TimeSpan backfill, TimeSpan delay, TimeSpan retention)
    {
        var first = Math.Max(SliMinute.Of(readThrough ?? now - backfill), SliMinute.Of(now - retention));
        var end = SliMinute.Of(now - delay);
        return new MinuteSpan(first, Math.Max(first, end));
    }

    // Consecutive spans of at most `points` minutes, oldest first: engines cap the points one
    // range query may return (Prometheus at 11,000).
    public IEnumerable<MinuteSpan> Chunks(int points)
    {
        for (var first = First; first < End; first += points)
        {
            yield return new MinuteSpan(first, Math.Min(End, first + points));
        }
    }
}
