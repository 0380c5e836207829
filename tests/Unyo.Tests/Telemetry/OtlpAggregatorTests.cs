using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Otlp;

namespace Unyo.Tests.Telemetry;

public sealed class OtlpAggregatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 30, TimeSpan.Zero);
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(2);
    private static readonly long TenOClock = SliMinute.Of(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    private static readonly OtlpSli Ratio = new(Guid.NewGuid(), "checkout-ok", SliKind.Ratio, null, new OtlpSelection(
        Selector("requests", exclude: ("code", "5*")), Selector("requests"), null));

    private static readonly OtlpSli Latency = new(Guid.NewGuid(), "checkout-fast", SliKind.Latency, 300, new OtlpSelection(null, null, Selector("duration")));

    private static readonly OtlpSelections Selections = new([Ratio, Latency], Now, 0);

    private readonly Dictionary<(Guid, Guid), OtlpSeries> _states = [];

    private static OtlpSelector Selector(string metric, (string Key, string Value)? exclude = null) =>
        new(metric, new Dictionary<string, string>(), exclude is { } e ? new Dictionary<string, IReadOnlyList<string>> { [e.Key] = [e.Value] } : new Dictionary<string, IReadOnlyList<string>>());

    private static ulong At(DateTimeOffset at) => OtlpValues.UnixNano(at);

    private static OtlpBatch Counter(OtlpTemporality temporality, params (string Code, DateTimeOffset Start, DateTimeOffset Time, double Value)[] points)
    {
        var metric = new OtlpMetric { Name = "requests", Kind = OtlpMetricKind.Sum, Temporality = temporality, Monotonic = true, Resource = [new("service.name", "checkout")], Scope = "s" };
        metric.Points.AddRange(points.Select(p => new OtlpPoint
        {
            Attributes = [new("code", p.Code)],
            StartUnixNano = At(p.Start),
            TimeUnixNano = At(p.Time),
            Value = p.Value,
            HasValue = true,
        }));
        var batch = new OtlpBatch();
        batch.Metrics.Add(metric);
        return batch;
    }

    private static OtlpBatch Durations(string unit, OtlpTemporality temporality, double[] bounds, params (DateTimeOffset Start, DateTimeOffset Time, ulong[] Buckets)[] points)
    {
        var metric = new OtlpMetric { Name = "duration", Unit = unit, Kind = OtlpMetricKind.Histogram, Temporality = temporality, Resource = [], Scope = "s" };
        metric.Points.AddRange(points.Select(p => new OtlpPoint
        {
            StartUnixNano = At(p.Start),
            TimeUnixNano = At(p.Time),
            Count = (ulong)p.Buckets.Sum(b => (long)b),
            Buckets = p.Buckets,
            Bounds = bounds,
            HasValue = true,
        }));
        var batch = new OtlpBatch();
        batch.Metrics.Add(metric);
        return batch;
    }

    private OtlpAggregation Aggregate(OtlpBatch batch, DateTimeOffset? now = null) =>
        new OtlpAggregator(now ?? Now, Horizon).Aggregate(OtlpUse.Match(batch, Selections), _states);

    private static Dictionary<long, (long Good, long Total)> Minutes(OtlpAggregation aggregation, OtlpSli sli) =>
        aggregation.Minutes.Where(m => m.Key.Sli == sli.Id).ToDictionary(m => m.Key.Minute, m => m.Value);

    [Fact]
    public void DeltaPointsAddTheirValueToTheMinuteOfTheirTime()
    {
        var at = Now.AddMinutes(-1);
        var result = Aggregate(Counter(OtlpTemporality.Delta, ("200", at.AddSeconds(-60), at, 7), ("503", at.AddSeconds(-60), at, 3), ("200", Now, Now, 5.4)));

        Assert.Equal(new Dictionary<long, (long, long)> { [TenOClock - 1] = (7, 10), [TenOClock] = (5, 5) }, Minutes(result, Ratio));
        Assert.Equal(0, result.Rejected);
        Assert.Empty(_states);
    }

    [Fact]
    public void ACumulativeSeriesStartedInsideTheHorizonCountsFromItsStartThenByIncrease()
    {
        var start = Now.AddMinutes(-10);
        var first = Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now.AddMinutes(-2), 100), ("500", start, Now.AddMinutes(-2), 4)));
        var second = Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now, 130), ("500", start, Now, 4)));

        Assert.Equal(new Dictionary<long, (long, long)> { [TenOClock - 2] = (100, 104) }, Minutes(first, Ratio));
        Assert.Equal(new Dictionary<long, (long, long)> { [TenOClock] = (30, 30) }, Minutes(second, Ratio));
        Assert.Equal(2, _states.Count);
        Assert.Equal([130d, 4d], _states.Values.Select(s => s.Value).Order().Reverse());
    }

    [Fact]
    public void ACumulativeSeriesStartedBeforeTheHorizonOnlySetsItsBaseline()
    {
        var start = Now.AddHours(-3);
        var first = Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now.AddMinutes(-1), 5000)));
        var second = Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now, 5012)));

        Assert.Empty(first.Minutes);
        Assert.Contains(Ratio.Id, first.Fed);
        Assert.Equal(new Dictionary<long, (long, long)> { [TenOClock] = (12, 12) }, Minutes(second, Ratio));
    }

    [Fact]
    public void AResetCountsTheNewValueFromItsStart()
    {
        var start = Now.AddHours(-3);
        Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now.AddMinutes(-5), 5000)));

        // The process restarted: a lower value and a new start time.
        var restarted = Aggregate(Counter(OtlpTemporality.Cumulative, ("200", Now.AddMinutes(-2), Now.AddMinutes(-1), 40)));
        // A lower value with the same start (a sender that does not set start times) is a reset too.
        var dropped = Aggregate(Counter(OtlpTemporality.Cumulative, ("200", Now.AddMinutes(-2), Now, 15)));

        Assert.Equal(new Dictionary<long, (long, long)> { [TenOClock - 1] = (40, 40) }, Minutes(restarted, Ratio));
        Assert.Equal(new Dictionary<long, (long, long)> { [TenOClock] = (15, 15) }, Minutes(dropped, Ratio));
    }

    [Fact]
    public void RepeatedAndOlderPointsCountNothing()
    {
        var start = Now.AddMinutes(-10);
        Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now, 10)));

        var repeated = Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now, 10), ("200", start, Now.AddMinutes(-1), 8)));

        Assert.Empty(repeated.Minutes);
        Assert.Equal(0, repeated.Rejected);
        Assert.Equal(10, Assert.Single(_states.Values).Value);
    }

    [Fact]
    public void AStateOlderThanTheHorizonIsOnlyABaseline()
    {
        var start = Now.AddHours(-5);
        Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now.AddHours(-3), 10)), now: Now.AddHours(-3));

        var result = Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now, 900)));

        Assert.Empty(result.Minutes);
        Assert.Equal(900, Assert.Single(_states.Values).Value);
    }

    [Fact]
    public void DoubleCountersCountWholeEventsAndCarryFractions()
    {
        var start = Now.AddMinutes(-10);
        var first = Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now.AddMinutes(-1), 1.5)));
        var second = Aggregate(Counter(OtlpTemporality.Cumulative, ("200", start, Now, 3.0)));

        Assert.Equal((1, 1), Minutes(first, Ratio)[TenOClock - 1]);
        Assert.Equal((2, 2), Minutes(second, Ratio)[TenOClock]);
    }

    [Fact]
    public void PointsOutsideTheHorizonOrAheadOfTheClockAreRejectedWithTheReason()
    {
        var result = Aggregate(Counter(OtlpTemporality.Delta, ("200", Now, Now.AddHours(-2).AddSeconds(-1), 1), ("200", Now, Now.AddMinutes(3), 1), ("200", Now, Now, 1)));

        Assert.Equal(2, result.Rejected);
        Assert.Equal("2 data points were not used: 1 × metric 'requests' has points older than the late-data horizon (2 h before the server's clock); 1 × metric 'requests' has points more than 2 min ahead of the server's clock",
            result.RejectionMessage);
        Assert.Equal((1, 1), Minutes(result, Ratio)[TenOClock]);
        Assert.Equal("metric 'requests' has points older than the late-data horizon (2 h before the server's clock)", result.Errors[Ratio.Id]);
    }

    [Fact]
    public void ANonMonotonicSumIsRejectedAsASourceError()
    {
        var batch = Counter(OtlpTemporality.Delta, ("200", Now, Now, 1));
        batch.Metrics[0].Monotonic = false;

        var result = Aggregate(batch);

        Assert.Empty(result.Minutes);
        Assert.Equal(1, result.Rejected);
        Assert.Equal("metric 'requests' is a non-monotonic sum (an up-down counter); an SLI counts events, which only go up", result.Errors[Ratio.Id]);
    }

    [Theory]
    [InlineData("s", new[] { 0.1, 0.3, 1.0 })]
    [InlineData("ms", new[] { 100.0, 300.0, 1000.0 })]
    public void LatencyCountsTheBucketsAtOrBelowTheThreshold(string unit, double[] bounds)
    {
        var start = Now.AddMinutes(-5);
        var first = Aggregate(Durations(unit, OtlpTemporality.Cumulative, bounds, (start, Now.AddMinutes(-1), [5, 3, 1, 1])));
        var second = Aggregate(Durations(unit, OtlpTemporality.Cumulative, bounds, (start, Now, [9, 4, 3, 1])));
        var delta = Aggregate(Durations(unit, OtlpTemporality.Delta, bounds, (Now, Now, [2, 2, 2, 2])));

        Assert.Equal((8, 10), Minutes(first, Latency)[TenOClock - 1]);
        Assert.Equal((5, 7), Minutes(second, Latency)[TenOClock]);
        Assert.Equal((4, 8), Minutes(delta, Latency)[TenOClock]);
    }

    [Fact]
    public void AThresholdThatIsNotABucketBoundUsesNothingAndSaysWhichBoundsThereAre()
    {
        var result = Aggregate(Durations("s", OtlpTemporality.Delta, [0.1, 0.25, 0.5], (Now, Now, [1, 1, 1, 1])));

        Assert.Empty(result.Minutes);
        Assert.Equal(1, result.Rejected);
        Assert.Equal("metric 'duration' has bucket bounds [0.1, 0.25, 0.5] s, and the latency threshold 300 ms (0.3 s) is not one of them: "
            + "add it to the histogram's bounds (a View or the instrument's advice); Unyo does not guess inside a bucket", result.Errors[Latency.Id]);
    }

    [Fact]
    public void AHistogramWithAnotherUnitIsRejected()
    {
        var result = Aggregate(Durations("us", OtlpTemporality.Delta, [300_000], (Now, Now, [1, 1])));

        Assert.Equal("metric 'duration' has unit 'us'; a latency SLI reads histograms in s or ms", result.Errors[Latency.Id]);
    }

    [Fact]
    public void AMinuteWithMoreGoodThanTotalIsNotWrittenAndIsASourceError()
    {
        // good selects every code but 5xx and total the same metric; a separate good-only series breaks the nesting.
        var sli = new OtlpSli(Guid.NewGuid(), "mismatched", SliKind.Ratio, null, new OtlpSelection(Selector("ok"), Selector("requests"), null));
        var selections = new OtlpSelections([sli], Now, 0);
        var ok = Counter(OtlpTemporality.Delta, ("200", Now, Now, 9));
        var requests = Counter(OtlpTemporality.Delta, ("200", Now, Now, 5), ("200", Now, Now.AddMinutes(-1), 3));
        var batch = new OtlpBatch();
        batch.Metrics.Add(new OtlpMetric { Name = "ok", Kind = OtlpMetricKind.Sum, Temporality = OtlpTemporality.Delta, Monotonic = true, Resource = [], Scope = "s" });
        batch.Metrics[0].Points.AddRange(ok.Metrics[0].Points);
        batch.Metrics.Add(requests.Metrics[0]);

        var result = new OtlpAggregator(Now, Horizon).Aggregate(OtlpUse.Match(batch, selections), _states);

        Assert.Equal(new Dictionary<long, (long, long)> { [TenOClock - 1] = (0, 3) }, Minutes(result, sli));
        Assert.Equal(2, result.Rejected);
        Assert.Equal("SLI 'mismatched' counted 9 good but 5 total events in 2026-03-02 10:00 UTC: the good selector must select a subset of what the total selector selects; the minute was not written", result.Errors[sli.Id]);
    }
}
