using System.Globalization;
using Unyo.Features.Telemetry.Ingest;

namespace Unyo.Features.Telemetry.Otlp;

// Turns matched points into good and total per minute. Pure: the caller loads the series states
// the cumulative points need (keyed by SLI and series), and saves what this changes or adds.
//
// Delta points add their value to the minute of their time. Cumulative points add their increase
// over the series' last point; a reset (a lower value or a new start time) counts the new value
// from its start. A series' first point counts from its start when that start is inside the late
// horizon (the process began recently), and otherwise only sets the baseline: what it counted
// before is older than Unyo accepts. A state older than the horizon is a baseline too.
public sealed class OtlpAggregator(DateTimeOffset now, TimeSpan lateHorizon)
{
    private readonly ulong _oldest = OtlpValues.UnixNano(now - lateHorizon);
    private readonly ulong _newest = OtlpValues.UnixNano(now + SliIngestOptions.FutureSkew);
    private readonly string _tooOld = $"has points older than the late-data horizon ({SliIngestOptions.Describe(lateHorizon)} before the server's clock)";
    private readonly string _tooNew = $"has points more than {SliIngestOptions.Describe(SliIngestOptions.FutureSkew)} ahead of the server's clock";

    public OtlpAggregation Aggregate(IReadOnlyList<OtlpUse> uses, IDictionary<(Guid Sli, Guid Series), OtlpSeries> states)
    {
        var result = new OtlpAggregation();
        // Cumulative points of one series must be taken in time order.
        foreach (var use in uses.OrderBy(u => u.Series).ThenBy(u => u.Point.TimeUnixNano))
        {
            if (Unusable(use) is { } reason)
            {
                result.Reject(use, reason.Text, reason.SourceError);
                continue;
            }
            if ((use.Point.Flags & OtlpPoint.NoRecordedValue) != 0)
            {
                continue;
            }
            var good = use.Sli.Kind == SliKind.Latency ? GoodBucket(use) : -1;
            if (good == Missing)
            {
                result.Reject(use, ThresholdNotABound(use));
                continue;
            }
            var (goodIncrease, totalIncrease) = use.Metric.Temporality == OtlpTemporality.Delta
                ? Delta(use, good)
                : Cumulative(use, good, states, result);
            if (goodIncrease < 0 || (goodIncrease == 0 && totalIncrease == 0))
            {
                result.Saw(use);
                continue;
            }
            var minute = OtlpValues.Minute(use.Point.TimeUnixNano);
            if (use.Sli.Kind == SliKind.Latency)
            {
                result.Add(use, minute, goodIncrease, totalIncrease);
            }
            else
            {
                result.Add(use, minute, use.Good ? totalIncrease : 0, use.Total ? totalIncrease : 0);
            }
        }
        result.DropInconsistentMinutes(id => uses.First(u => u.Sli.Id == id).Sli.Name);
        return result;
    }

    private const int Missing = -2;

    private readonly record struct Reason(string Text, bool SourceError = true);

    private Reason? Unusable(OtlpUse use)
    {
        var (metric, point, sli) = (use.Metric, use.Point, use.Sli);
        switch (metric.Kind)
        {
            case OtlpMetricKind.Gauge or OtlpMetricKind.Summary:
                return new($"is a {metric.Kind.ToString().ToLowerInvariant()}; an SLI counts a counter (a monotonic sum) or a histogram");
            case OtlpMetricKind.Sum when !metric.Monotonic:
                return new("is a non-monotonic sum (an up-down counter); an SLI counts events, which only go up");
            case not OtlpMetricKind.Histogram when sli.Kind == SliKind.Latency:
                return new($"is {(metric.Kind == OtlpMetricKind.Sum ? "a sum" : "an exponential histogram")}; a latency SLI needs a histogram with explicit bucket bounds, one of them at its threshold");
        }
        if (metric.Temporality is not (OtlpTemporality.Delta or OtlpTemporality.Cumulative))
        {
            return new($"has aggregation temporality {(int)metric.Temporality}; only delta (1) and cumulative (2) are defined");
        }
        if ((point.Flags & OtlpPoint.NoRecordedValue) != 0)
        {
            return null;
        }
        if (point.TimeUnixNano == 0)
        {
            return new("has points without a time (timeUnixNano)");
        }
        if (point.TimeUnixNano < _oldest)
        {
            return new(_tooOld);
        }
        if (point.TimeUnixNano > _newest)
        {
            return new(_tooNew);
        }
        if (!point.HasValue)
        {
            return new(metric.Kind == OtlpMetricKind.Sum ? "has points without a value (asInt or asDouble)" : "has points without a count");
        }
        if (metric.Kind == OtlpMetricKind.Sum && !(double.IsFinite(point.Value) && point.Value >= 0))
        {
            return new($"has a point with value {OtlpValues.Format(point.Value)}; a counter's value is a finite number of 0 or more");
        }
        if (metric.Kind == OtlpMetricKind.Histogram && point.Buckets.Length != 0 && point.Buckets.Length != point.Bounds.Length + 1)
        {
            return new($"has a point with {point.Buckets.Length} bucket counts for {point.Bounds.Length} bounds; there must be one more count than bounds");
        }
        if (sli.Kind == SliKind.Latency)
        {
            if (Threshold(use) is null)
            {
                return new($"has unit '{metric.Unit}'; a latency SLI reads histograms in s or ms");
            }
            if (point.Buckets.Length == 0)
            {
                return new("has a point without buckets; a latency SLI counts the buckets at or below its threshold");
            }
        }
        return null;
    }

    // The SLI's threshold in the histogram's unit; null for units other than s and ms. Division
    // rounds correctly, so 300 ms is exactly the double 0.3 that an SDK writes for a 0.3 s bound.
    private static double? Threshold(OtlpUse use) => use.Metric.Unit switch
    {
        "ms" => use.Sli.LatencyThresholdMs!.Value,
        "s" => use.Sli.LatencyThresholdMs!.Value / 1000.0,
        _ => null,
    };

    // The index of the bucket whose upper bound is the SLI's threshold (buckets 0..index are good),
    // or Missing. Bounds are compared with a relative tolerance: 0.3 s and 300 ms / 1000 are one bound.
    private static int GoodBucket(OtlpUse use)
    {
        var threshold = Threshold(use)!.Value;
        var bounds = use.Point.Bounds;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (Math.Abs(bounds[i] - threshold) <= 1e-9 * Math.Max(1, Math.Abs(threshold)))
            {
                return i;
            }
        }
        return Missing;
    }

    private static string ThresholdNotABound(OtlpUse use)
    {
        var threshold = Threshold(use)!.Value;
        var bounds = string.Join(", ", use.Point.Bounds.Select(OtlpValues.Format));
        var inUnit = use.Metric.Unit == "ms" ? "" : $" ({threshold.ToString("R", CultureInfo.InvariantCulture)} {use.Metric.Unit})";
        return $"has bucket bounds [{bounds}] {use.Metric.Unit}, and the latency threshold {use.Sli.LatencyThresholdMs} ms{inUnit} is not one of them: "
            + "add it to the histogram's bounds (a View or the instrument's advice); Unyo does not guess inside a bucket";
    }

    private static (long Good, long Total) Delta(OtlpUse use, int goodBucket)
    {
        var point = use.Point;
        if (use.Metric.Kind == OtlpMetricKind.Sum)
        {
            var value = (long)Math.Round(point.Value, MidpointRounding.AwayFromZero);
            return (value, value);
        }
        return (goodBucket < 0 ? 0 : (long)Sum(point.Buckets, goodBucket), (long)point.Count);
    }

    private static ulong Sum(ulong[] buckets, int through)
    {
        ulong sum = 0;
        for (var i = 0; i <= through && i < buckets.Length; i++)
        {
            sum += buckets[i];
        }
        return sum;
    }

    private static long Sum(long[] buckets, int through)
    {
        long sum = 0;
        for (var i = 0; i <= through && i < buckets.Length; i++)
        {
            sum += buckets[i];
        }
        return sum;
    }

    // (-1, -1) when the point counts nothing: a repeat or an older point, or a baseline.
    private (long Good, long Total) Cumulative(OtlpUse use, int goodBucket, IDictionary<(Guid Sli, Guid Series), OtlpSeries> states, OtlpAggregation result)
    {
        var point = use.Point;
        var sum = use.Metric.Kind == OtlpMetricKind.Sum;
        var value = sum ? point.Value : point.Count;
        var good = goodBucket < 0 ? 0 : (long)Sum(point.Buckets, goodBucket);
        var boundsHash = sum ? 0 : OtlpSeries.HashBounds(point.Bounds);
        var start = (long)point.StartUnixNano;
        var fromStart = point.StartUnixNano == 0 || point.StartUnixNano >= _oldest;
        (long Good, long Total) increase;
        if (!states.TryGetValue((use.Sli.Id, use.Series), out var state))
        {
            state = new OtlpSeries { SliId = use.Sli.Id, SeriesId = use.Series };
            states[(use.Sli.Id, use.Series)] = state;
            result.Added.Add(state);
            // A first point without a start time cannot tell what it counted when: a baseline.
            increase = fromStart && point.StartUnixNano != 0 ? (good, Whole(value)) : (-1, -1);
        }
        else if ((long)point.TimeUnixNano <= state.LastUnixNano)
        {
            return (-1, -1);
        }
        else
        {
            var previousGood = sum ? 0 : Sum(state.BucketCounts(), goodBucket);
            var reset = (start != 0 && start != state.StartUnixNano) || value < state.Value || good < previousGood || boundsHash != state.BoundsHash;
            increase = reset ? (fromStart ? (good, Whole(value)) : (-1, -1))
                : state.LastUnixNano < (long)_oldest ? (-1, -1)
                : (good - previousGood, Whole(value) - Whole(state.Value));
        }
        state.StartUnixNano = start;
        state.LastUnixNano = (long)point.TimeUnixNano;
        state.Value = value;
        state.Buckets = sum ? null : OtlpSeries.Pack(point.Buckets);
        state.BoundsHash = boundsHash;
        state.Revision++;
        return increase;
    }

    // Double counters add up in whole events: the floor of each cumulative value, so fractions
    // carry over to the next point instead of being lost to rounding.
    private static long Whole(double value) => (long)Math.Floor(value);
}
