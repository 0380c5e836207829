using Unyo.Features.Slos;
using Unyo.Features.Telemetry;

namespace Unyo.Tests.Slos;

// The SRE Workbook's behaviours for a 99.9% / 30-day SLO ("Alerting on SLOs"), with 1,000
// requests a minute, on the calculator alone.
public sealed class SloCalculatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SloDefinition ThreeNines = new(0.999, SloWindow.RollingDays(30), BudgetingMethod.Occurrences, BurnRateRule.WorkbookDefaults);

    [Fact]
    public void ThresholdsComeFromBudgetShares()
    {
        var month = TimeSpan.FromDays(30);
        Assert.Equal([14.4, 6, 3, 1], BurnRateRule.WorkbookDefaults.Select(r => Math.Round(r.Threshold(month), 6)));
        // The same shares on a 7-day SLO: 2% of a week's budget in an hour is a burn rate of 3.36.
        Assert.Equal(3.36, Math.Round(BurnRateRule.WorkbookDefaults[0].Threshold(TimeSpan.FromDays(7)), 6));
    }

    [Fact]
    public void ATotalOutagePagesWithinAMinute()
    {
        var traffic = new Traffic(Start, days: 30);
        var outage = traffic.Now;
        traffic.Run(minutes: 1, errorRatio: 1);

        var halfway = SloCalculator.Evaluate(ThreeNines, traffic.Minutes, outage.AddSeconds(59));
        var status = SloCalculator.Evaluate(ThreeNines, traffic.Minutes, outage.AddMinutes(1));

        Assert.Contains(halfway.Rules, r => r.Firing && r.Rule.Severity == BurnSeverity.Page);
        Assert.Contains(status.Rules, r => r.Firing && r.Rule.Severity == BurnSeverity.Page);
    }

    [Fact]
    public void FifteenPercentErrorsForTenMinutesPageAfterAboutSixAndClearAboutFiveAfterTheyStop()
    {
        var traffic = new Traffic(Start, days: 30);
        var paging = new List<bool>();
        for (var minute = 0; minute < 30; minute++)
        {
            traffic.Run(minutes: 1, errorRatio: minute < 10 ? 0.15 : 0);
            paging.Add(SloCalculator.Evaluate(ThreeNines, traffic.Minutes, traffic.Now.AddSeconds(-1)).Rules.Any(r => r.Firing && r.Rule.Severity == BurnSeverity.Page));
        }

        var firstPage = paging.IndexOf(true) + 1;
        var lastPage = paging.LastIndexOf(true) + 1;
        Assert.Equal(6, firstPage);
        Assert.Equal(14, lastPage);
        Assert.All(paging[firstPage..lastPage], Assert.True);
    }

    [Fact]
    public void ASlowBurnOfPointTwoPercentRaisesATicketNotAPage()
    {
        var traffic = new Traffic(Start, days: 3, errorRatio: 0.002);

        var status = SloCalculator.Evaluate(ThreeNines, traffic.Minutes, traffic.Now.AddSeconds(-1));

        Assert.DoesNotContain(status.Rules, r => r.Firing && r.Rule.Severity == BurnSeverity.Page);
        var ticket = Assert.Single(status.Rules, r => r.Firing);
        Assert.Equal((BurnSeverity.Ticket, TimeSpan.FromDays(3)), (ticket.Rule.Severity, ticket.Rule.LongWindow));
        Assert.Equal(2, ticket.LongBurn!.Value, 6);
    }

    [Fact]
    public void BudgetAndAttainmentAreExactInEvents()
    {
        // 30 days of 4,000 a minute, one bad: 172,800,000 events, a budget of 172,800 bad ones.
        var traffic = new Traffic(Start, days: 30, errorRatio: 0.00025, perMinute: 4000);

        var status = SloCalculator.Evaluate(ThreeNines, traffic.Minutes, traffic.Now.AddSeconds(-1));

        Assert.Equal(172_800_000, status.Counts.Total);
        Assert.Equal(172_800, status.BudgetTotal, 6);
        Assert.Equal(43_200, status.BudgetConsumed);
        Assert.Equal(0.75, status.BudgetRemaining!.Value, 9);
        Assert.Equal(0.99975, status.Attainment!.Value, 9);
        Assert.Equal(0.25, status.BurnRates.Single(b => b.Window == TimeSpan.FromHours(1)).BurnRate!.Value, 9);
        // At a quarter of the sustainable pace, the remaining 75% lasts 0.75 × 30 d / 0.25 = 90 days.
        Assert.Equal(traffic.Now.AddSeconds(-1).AddDays(90), status.ExhaustionAt);
        Assert.Equal(30, status.History.Count);
        Assert.Equal(0.75, status.History[^1].BudgetRemaining!.Value, 9);
    }

    [Fact]
    public void NoDataIsNotAHundredPercent()
    {
        var status = SloCalculator.Evaluate(ThreeNines, [], Start);

        Assert.False(status.HasData);
        Assert.Null(status.Attainment);
        Assert.Null(status.BudgetRemaining);
        Assert.All(status.BurnRates, b => Assert.Null(b.BurnRate));
        Assert.DoesNotContain(status.Rules, r => r.Firing);
        Assert.Null(status.ExhaustionAt);
    }

    [Fact]
    public void AnExhaustedBudgetSaysSo()
    {
        var traffic = new Traffic(Start, days: 2, errorRatio: 0.01);

        var status = SloCalculator.Evaluate(ThreeNines, traffic.Minutes, traffic.Now.AddSeconds(-1));

        Assert.True(status.Exhausted);
        Assert.Equal(-9, status.BudgetRemaining!.Value, 6);
        Assert.Equal(traffic.Now.AddSeconds(-1), status.ExhaustionAt);
    }

    [Fact]
    public void TimeslicesCountBadMinutesAgainstABudgetOfTime()
    {
        // 99% of 1-minute slices must have 95% good: a 30-day budget of 432 minutes.
        var definition = ThreeNines with { Objective = 0.99, Budgeting = BudgetingMethod.Timeslices, TimeSliceTarget = 0.95, TimeSliceMinutes = 1 };
        var traffic = new Traffic(Start, days: 1);
        traffic.Run(minutes: 108, errorRatio: 0.10);
        traffic.Run(minutes: 60, errorRatio: 0.04);

        var status = SloCalculator.Evaluate(definition, traffic.Minutes, traffic.Now.AddSeconds(-1));

        Assert.Equal("minutes", status.BudgetUnit);
        Assert.Equal(432, status.BudgetTotal, 6);
        Assert.Equal(108, status.BudgetConsumed);
        Assert.Equal(0.75, status.BudgetRemaining!.Value, 9);
        Assert.Equal((1440 + 60) / (double)(1440 + 168), status.Attainment!.Value, 9);
    }

    [Fact]
    public void ASliceExactlyAtItsTargetIsGood()
    {
        // As doubles 99.9 / 100 is 0.9990000000000001, above 999 / 1000: compared that way, a
        // slice that meets its target exactly was judged bad.
        var definition = ThreeNines with { Objective = 0.99, Budgeting = BudgetingMethod.Timeslices, TimeSliceTarget = 99.9 / 100, TimeSliceMinutes = 1 };
        List<SliMinute> minutes = [new() { Minute = SliMinute.Of(Start), Good = 999, Total = 1000 }];

        var status = SloCalculator.Evaluate(definition, minutes, Start.AddMinutes(1));

        Assert.Equal(1, status.Attainment);
        Assert.Equal(0, status.BudgetConsumed);
    }

    [Fact]
    public void ACalendarMonthRunsFromTheFirstInItsTimezone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var window = SloWindow.CalendarIn(CalendarPeriod.Month, berlin);

        // 31 March 2026, 23:30 UTC is already 1 April in Berlin (summer time, UTC+2).
        var (start, end) = window.PeriodAt(new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(2)), start);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.FromHours(2)), end);
        Assert.Equal(TimeSpan.FromDays(30), window.LengthAt(start));
    }

    [Fact]
    public void ACalendarWeekStartsOnMondayAndAQuarterOnItsFirstMonth()
    {
        var utc = TimeZoneInfo.Utc;
        var sunday = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), SloWindow.CalendarIn(CalendarPeriod.Week, utc).PeriodAt(sunday).Start);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), SloWindow.CalendarIn(CalendarPeriod.Quarter, utc).PeriodAt(sunday).Start);
        Assert.Equal(TimeSpan.FromDays(92), SloWindow.CalendarIn(CalendarPeriod.Quarter, utc).LengthAt(sunday));
    }

    // Minute buckets written as ingest would: `errorRatio` of each minute's events bad.
    private sealed class Traffic
    {
        private readonly int _perMinute;

        public Traffic(DateTimeOffset start, int days, double errorRatio = 0, int perMinute = 1000)
        {
            Now = start;
            _perMinute = perMinute;
            Run(days * 1440, errorRatio);
        }

        public DateTimeOffset Now { get; private set; }

        public List<SliMinute> Minutes { get; } = [];

        public void Run(int minutes, double errorRatio)
        {
            for (var i = 0; i < minutes; i++)
            {
                var bad = (long)Math.Round(_perMinute * errorRatio);
                Minutes.Add(new SliMinute { Minute = SliMinute.Of(Now), Good = _perMinute - bad, Total = _perMinute });
                Now = Now.AddMinutes(1);
            }
        }
    }
}
