using Unyo.Features.Slos;
using Unyo.Features.Slos.Sla;
using Unyo.Features.Telemetry;

namespace Unyo.Tests.Slos;

public sealed class SloMonthCalculatorTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(2);
    private static readonly SloDefinition BerlinMonth = new(0.999, SloWindow.CalendarIn(CalendarPeriod.Month, Berlin), BudgetingMethod.Occurrences, BurnRateRule.WorkbookDefaults);

    [Fact]
    public void AMonthInBerlinRunsFromLocalMidnightToLocalMidnightAcrossTheSpringChange()
    {
        // March 2026 in Berlin: from 1 March 00:00 CET (28 Feb 23:00 UTC) to 1 April 00:00 CEST
        // (31 March 22:00 UTC), one hour short on 29 March.
        var justBefore = new DateTimeOffset(2026, 2, 28, 22, 59, 0, TimeSpan.Zero);
        var firstMinute = new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero);
        var lastMinute = new DateTimeOffset(2026, 3, 31, 21, 59, 0, TimeSpan.Zero);
        var justAfter = new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero);
        List<SliMinute> minutes = [At(justBefore, 1, 1), At(firstMinute, 10, 20), At(lastMinute, 300, 400), At(justAfter, 4000, 8000)];

        var march = SloMonthCalculator.Count(BerlinMonth, 99.9, minutes, new CalendarMonth(2026, 3), justAfter.AddDays(1), Horizon);

        Assert.Equal((firstMinute, justAfter), (march.Start, march.End));
        Assert.Equal((310L, 420L, 2), (march.Good, march.Total, march.MinutesWithData));
        Assert.Equal(31 * 1440 - 60, march.MinutesInMonth);
        Assert.Equal(31 * 1440 - 60, march.MinutesElapsed);
        Assert.True(march.Final);
        Assert.Equal(SlaSource.Minutes, march.Source);
    }

    [Fact]
    public void TheAutumnChangeMakesAMonthAnHourLonger()
    {
        var october = SloMonthCalculator.Count(BerlinMonth, 99.9, [], new CalendarMonth(2026, 10), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Horizon);

        Assert.Equal(31 * 1440 + 60, october.MinutesInMonth);
        Assert.False(october.HasData);
        Assert.Null(october.AttainmentPercent);
        Assert.Null(october.Met);
        Assert.Null(october.BudgetConsumedPercent);
        Assert.Equal(0, october.CoveragePercent);
    }

    [Fact]
    public void AMonthUnderWayCountsUpToNowAndBecomesFinalOnlyAfterTheLateHorizon()
    {
        var utc = BerlinMonth with { Window = SloWindow.RollingDays(30) };
        var start = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        List<SliMinute> minutes = [.. Enumerable.Range(0, 90).Select(i => At(start.AddMinutes(i * 2), 999, 1000))];
        var month = new CalendarMonth(2026, 4);

        var midway = SloMonthCalculator.Count(utc, 99.9, minutes, month, start.AddMinutes(120).AddSeconds(30), Horizon);
        var end = start.AddDays(30);
        var notYet = SloMonthCalculator.Count(utc, 99.9, minutes, month, end + Horizon - TimeSpan.FromSeconds(1), Horizon);
        var final = SloMonthCalculator.Count(utc, 99.9, minutes, month, end + Horizon, Horizon);

        // 121 minutes counted (the still-filling one included), 61 of them with data: 0, 2, … 120.
        Assert.Equal((121, 61), (midway.MinutesElapsed, midway.MinutesWithData));
        Assert.Equal(100.0 * 61 / 121, midway.CoveragePercent!.Value, 9);
        Assert.False(midway.Final);
        Assert.False(notYet.Final);
        Assert.True(final.Final);
        Assert.Equal((89_910L, 90_000L), (final.Good, final.Total));
        // 999 of every 1,000: exactly the objective, which meets it, and exactly the budget.
        Assert.Equal(99.9, final.AttainmentPercent);
        Assert.True(final.Met);
        Assert.Equal(100, final.BudgetConsumedPercent);
    }

    [Fact]
    public void OneBadEventMoreMissesTheObjective()
    {
        var month = SloMonthCalculator.Count(BerlinMonth, 99.9, [At(new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero), 998, 1000)], new CalendarMonth(2026, 6), new DateTimeOffset(2026, 7, 2, 0, 0, 0, TimeSpan.Zero), Horizon);

        Assert.False(month.Met);
        Assert.Equal(99.8, month.AttainmentPercent);
        Assert.Equal(200, month.BudgetConsumedPercent);
    }

    [Fact]
    public void TimeSliceMonthsCountSlicesAsTheCalculatorDoesForACalendarMonth()
    {
        // 99% of 5-minute slices with 95% good, in Berlin's March; slices are cut at the month's
        // edges as a calendar window cuts them.
        var definition = BerlinMonth with { Objective = 0.99, Budgeting = BudgetingMethod.Timeslices, TimeSliceTarget = 0.95, TimeSliceMinutes = 5 };
        var start = new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero);
        var minutes = new List<SliMinute>();
        for (var at = start.AddHours(-1); at < end.AddHours(1); at = at.AddMinutes(1))
        {
            // Every 97th minute has half its events bad, which spoils its slice; a few quiet hours have none.
            var quiet = at.Hour == 3 && at.Day % 7 == 0;
            if (!quiet)
            {
                minutes.Add(At(at, SliMinute.Of(at) % 97 == 0 ? 50 : 100, 100));
            }
        }
        var lastMinute = end.AddSeconds(-1);

        var month = SloMonthCalculator.Count(definition, 99, minutes, new CalendarMonth(2026, 3), end.AddDays(1), Horizon);
        var status = SloCalculator.Evaluate(definition, minutes, lastMinute);

        Assert.Equal("slices", month.Unit);
        Assert.Equal(status.Attainment!.Value * 100, month.AttainmentPercent!.Value, 9);
        Assert.Equal(status.BudgetConsumed, (month.Total - month.Good) * 5);
        Assert.Equal(status.BudgetConsumed / status.BudgetTotal * 100, month.BudgetConsumedPercent!.Value, 9);
        Assert.True(month.Total - month.Good > 400);
        Assert.True(month.MinutesWithData < month.MinutesInMonth);
    }

    [Theory]
    [InlineData("2026-03", 2026, 3)]
    [InlineData("1970-01", 1970, 1)]
    [InlineData("9998-12", 9998, 12)]
    public void MonthsParseAsYearDashMonth(string text, int year, int month)
    {
        Assert.True(CalendarMonth.TryParse(text, out var parsed));
        Assert.Equal(new CalendarMonth(year, month), parsed);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-3")]
    [InlineData("26-03")]
    [InlineData("2026-03-01")]
    [InlineData("1969-12")]
    [InlineData("9999-01")]
    [InlineData("２０２６-03")]
    [InlineData("")]
    public void OtherTextIsNotAMonth(string text) => Assert.False(CalendarMonth.TryParse(text, out _));

    [Fact]
    public void MonthArithmeticCrossesYears()
    {
        var january = new CalendarMonth(2026, 1);

        Assert.Equal(new CalendarMonth(2025, 2), january.AddMonths(-11));
        Assert.Equal(new CalendarMonth(2027, 1), january.AddMonths(12));
        Assert.Equal(35, new CalendarMonth(2023, 2).MonthsUntil(january));
    }

    private static SliMinute At(DateTimeOffset at, long good, long total) => new() { Minute = SliMinute.Of(at), Good = good, Total = total };
}
