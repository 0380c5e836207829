using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.PrometheusSource;

namespace Unyo.Tests.Telemetry;

// Turning PromQL answers into minutes: rounding, missing values, and every value that is refused.
public sealed class MinuteReadTests
{
    private const long First = 29_538_720; // 2026-03-01T00:00Z
    private static readonly MinuteSpan Span = new(First, First + 3);

    // Samples evaluated at each minute's end, one per value; null leaves the minute out.
    private static PromAnswer Values(params string?[] values) =>
        new([.. values.Select((v, i) => (v, i)).Where(p => p.v is not null).Select(p => new PromSample(SliMinute.Start(First + p.i + 1), p.v!))], null);

    [Fact]
    public void CountsAreRoundedToWholeEventsHalfAwayFromZero()
    {
        var minutes = MinuteRead.FromCounts(Span, Values("597.5", "0.4", "10"), Values("600.49", "0.5", "10.2"));

        Assert.Equal([(First, 598L, 600L), (First + 1, 0L, 1L), (First + 2, 10L, 10L)], minutes.Select(m => (m.Minute, m.Good, m.Total)));
        Assert.All(minutes, m => Assert.True(m.Ok));
    }

    [Fact]
    public void NoGoodValueWithATotalIsZeroGoodAndNoValuesAtAllIsNoEvents()
    {
        var minutes = MinuteRead.FromCounts(Span, Values(null, null, "3"), Values("50", null, "3"));

        Assert.Equal([(0L, 50L), (0L, 0L), (3L, 3L)], minutes.Select(m => (m.Good, m.Total)));
        Assert.All(minutes, m => Assert.True(m.Ok));
    }

    [Fact]
    public void GoodAboveTotalFailsThatMinuteOnly()
    {
        var minutes = MinuteRead.FromCounts(Span, Values("5", "12", "1"), Values("5", "10", null));

        Assert.True(minutes[0].Ok);
        Assert.Equal("good (12) exceeds total (10) at 2026-03-01T00:01Z: the good query must count a subset of the total query's events", minutes[1].Error);
        Assert.StartsWith("good (1) exceeds total (0) at 2026-03-01T00:02Z", minutes[2].Error);
        Assert.False(minutes[1].QueryFailed);
    }

    [Theory]
    [InlineData("NaN", "good query: NaN is not a finite number at 2026-03-01T00:01Z")]
    [InlineData("+Inf", "good query: +Inf is not a finite number at 2026-03-01T00:01Z")]
    [InlineData("-2", "good query: -2 is negative: not a count of events at 2026-03-01T00:01Z")]
    [InlineData("2e15", "good query: 2e15 is more than 1e15 events in one minute at 2026-03-01T00:01Z")]
    public void ValuesThatAreNotCountsFailTheirMinuteNamingTheQuery(string good, string error)
    {
        var minutes = MinuteRead.FromCounts(Span, Values("1", good, "1"), Values("1", "1", "1"));

        Assert.Equal([true, false, true], minutes.Select(m => m.Ok));
        Assert.Equal(error, minutes[1].Error);
    }

    [Fact]
    public void FloatingPointNoiseBelowZeroIsZero()
    {
        var minutes = MinuteRead.FromCounts(Span, Values("-1e-12", null, null), Values("0", null, null));

        Assert.Equal((0L, 0L, null), (minutes[0].Good, minutes[0].Total, minutes[0].Error));
    }

    [Fact]
    public void AFailedQueryFailsEveryMinuteOfItsSpan()
    {
        var minutes = MinuteRead.FromCounts(Span, Values("1", "1", "1"), PromAnswer.Failed("bad_data: parse error"));

        Assert.All(minutes, m => Assert.Equal(("total query: bad_data: parse error", true), (m.Error, m.QueryFailed)));
        Assert.Equal(3, minutes.Count);
    }

    [Fact]
    public void TwoValuesForOneMinuteFailTheQuery()
    {
        var twice = new PromAnswer([new PromSample(SliMinute.Start(First + 1), "1"), new PromSample(SliMinute.Start(First + 1), "2")], null);

        var minutes = MinuteRead.FromCounts(Span, twice, Values("1", "1", "1"));

        Assert.All(minutes, m => Assert.StartsWith("good query: returned more than one value for a minute", m.Error));
    }

    [Fact]
    public void SamplesOutsideTheSpanAreIgnored()
    {
        var outside = new PromAnswer([new PromSample(SliMinute.Start(First), "7"), new PromSample(SliMinute.Start(First + 10), "7")], null);

        var minutes = MinuteRead.FromCounts(Span, outside, outside);

        Assert.All(minutes, m => Assert.Equal((0L, 0L, true), (m.Good, m.Total, m.Ok)));
    }

    [Fact]
    public void AnErrorRatioWeighsEveryMinuteTheSame()
    {
        var minutes = MinuteRead.FromErrorRatio(Span, Values("0.2", null, "0.000002"), 1_000_000);

        Assert.Equal([(800_000L, 1_000_000L), (0L, 0L), (999_998L, 1_000_000L)], minutes.Select(m => (m.Good, m.Total)));
        Assert.All(minutes, m => Assert.True(m.Ok));
    }

    [Theory]
    [InlineData("1.5", "errorRatio query: 1.5 is not a ratio from 0 to 1 at 2026-03-01T00:00Z")]
    [InlineData("-0.1", "errorRatio query: -0.1 is not a ratio from 0 to 1 at 2026-03-01T00:00Z")]
    [InlineData("NaN", "errorRatio query: NaN is not a finite number at 2026-03-01T00:00Z")]
    public void AnErrorRatioOutsideZeroToOneFailsItsMinute(string ratio, string error)
    {
        var minutes = MinuteRead.FromErrorRatio(Span, Values(ratio, "1", "1.0000000001"), 1_000_000);

        Assert.Equal(error, minutes[0].Error);
        Assert.Equal((0L, 1_000_000L), (minutes[1].Good, minutes[1].Total));
        // A hair above 1 is floating-point noise: every event bad.
        Assert.Equal((0L, 1_000_000L, true), (minutes[2].Good, minutes[2].Total, minutes[2].Ok));
    }
}
