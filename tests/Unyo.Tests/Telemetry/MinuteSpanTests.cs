using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.PrometheusSource;

namespace Unyo.Tests.Telemetry;

// Which minutes a cycle reads, how they are split into queries, and which minute a value is for.
public sealed class MinuteSpanTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 12, 0, 30, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(100);

    private static long M(int hour, int minute) => SliMinute.Of(new DateTimeOffset(2026, 3, 2, hour, minute, 0, TimeSpan.Zero));

    [Fact]
    public void ANewSliReadsTheBackfillUpToTheLastMinuteThatEndedADelayAgo()
    {
        // At 12:00:30 with a 60 s delay, 11:59 ended only 30 s ago: 11:58 is the last to read.
        var span = MinuteSpan.ToRead(Now, null, TimeSpan.FromHours(2), TimeSpan.FromSeconds(60), Retention);

        Assert.Equal(new MinuteSpan(M(10, 0), M(11, 59)), span);
        Assert.Equal(119, span.Count);
    }

    [Fact]
    public void AKnownSliReadsFromWhereItStopped()
    {
        var span = MinuteSpan.ToRead(Now, SliMinute.Start(M(11, 57)), TimeSpan.FromHours(2), TimeSpan.FromSeconds(30), Retention);

        Assert.Equal(new MinuteSpan(M(11, 57), M(12, 0)), span);
    }

    [Fact]
    public void NothingIsReadBeforeAMinuteHasEndedAndItsDelayPassed()
    {
        var upToDate = MinuteSpan.ToRead(Now, SliMinute.Start(M(11, 59)), TimeSpan.FromHours(2), TimeSpan.FromSeconds(60), Retention);
        // A read-through ahead of now (a clock set back) reads nothing rather than a negative span.
        var ahead = MinuteSpan.ToRead(Now, SliMinute.Start(M(12, 10)), TimeSpan.FromHours(2), TimeSpan.FromSeconds(60), Retention);

        Assert.Equal(0, upToDate.Count);
        Assert.Equal(0, ahead.Count);
    }

    [Fact]
    public void ReadingNeverReachesBehindRetention()
    {
        var span = MinuteSpan.ToRead(Now, SliMinute.Start(M(0, 0)) - TimeSpan.FromDays(200), TimeSpan.FromHours(2), TimeSpan.FromSeconds(60), Retention);

        Assert.Equal(SliMinute.Of(Now - Retention), span.First);
    }

    [Fact]
    public void AValueAtTCoversTheMinuteBeforeT()
    {
        Assert.Equal(M(11, 59), MinuteSpan.MinuteOf(SliMinute.Start(M(12, 0))));
        Assert.Equal(M(12, 0), MinuteSpan.MinuteOf(SliMinute.Start(M(12, 0)).AddSeconds(1)));
        var span = new MinuteSpan(M(11, 0), M(11, 3));
        Assert.Equal(SliMinute.Start(M(11, 1)), span.FirstEvaluation);
        Assert.Equal(SliMinute.Start(M(11, 3)), span.LastEvaluation);
    }

    [Fact]
    public void LongSpansAreSplitIntoQueriesBelowThePointLimit()
    {
        var span = new MinuteSpan(1000, 1000 + 25_001);

        var chunks = span.Chunks(PrometheusSourceOptions.MaxPointsPerQuery).ToList();

        Assert.Equal([new MinuteSpan(1000, 11_000), new MinuteSpan(11_000, 21_000), new MinuteSpan(21_000, 26_001)], chunks);
        Assert.All(chunks, c => Assert.True(c.Count < 11_000));
        Assert.Equal(span.Count, chunks.Sum(c => c.Count));
        Assert.Single(new MinuteSpan(5, 6).Chunks(10_000));
        Assert.Empty(new MinuteSpan(5, 5).Chunks(10_000));
    }
}
