using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Slos;
using Unyo.Features.Slos.Sla;
using Unyo.Features.Telemetry;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

// SLA months end to end with a fake clock: minute buckets in the database, month records counted
// at the instants the test chooses, reports over HTTP.
public sealed class SlaMonthTests(Servers servers)
{
    private static readonly DateTimeOffset MarchInBerlin = new(2026, 2, 28, 23, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AprilInBerlin = new(2026, 3, 31, 22, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task MonthsInBerlinAreCountedExactlyAtTheirEdgesAndAcrossTheSpringChange(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero));
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("berlin"), configure: s => (s.RollingDays, s.CalendarPeriod, s.TimeZone) = (null, CalendarPeriod.Month, "Europe/Berlin"));
        // February's last local hour, March's first, the night of 29 March (clocks go from 02:00
        // to 03:00), March's last hour and April's first: 1,000 events a minute.
        await SloClock.TrafficAsync(app, slo.SliId, MarchInBerlin.AddHours(-1), 60, errorRatio: 0);
        await SloClock.TrafficAsync(app, slo.SliId, MarchInBerlin, 60, errorRatio: 0);
        await SloClock.TrafficAsync(app, slo.SliId, new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), 180, errorRatio: 0.002);
        await SloClock.TrafficAsync(app, slo.SliId, AprilInBerlin.AddHours(-1), 60, errorRatio: 0);
        await SloClock.TrafficAsync(app, slo.SliId, AprilInBerlin, 60, errorRatio: 0.5);
        using var admin = app.Admin();

        var counted = await (await admin.GetAsync($"api/v1/slos/{slo.Name}/sla-report?from=2026-02&to=2026-04")).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);

        Assert.Equal(("Europe/Berlin", "2026-02", "2026-04"), (counted.TimeZone, counted.From, counted.To));
        Assert.Equal(["2026-02", "2026-03", "2026-04"], counted.Months.Select(m => m.Month));
        var (february, march, april) = (counted.Months[0], counted.Months[1], counted.Months[2]);
        Assert.Equal((60_000L, 60_000L, true, 28 * 1440L), (february.Good, february.Total, february.Met, february.MinutesInMonth));
        Assert.Equal((MarchInBerlin, AprilInBerlin), (march.Start, march.End));
        Assert.Equal((299_640L, 300_000L, 300L), (march.Good, march.Total, march.MinutesWithData));
        Assert.Equal(31 * 1440 - 60, march.MinutesInMonth);
        Assert.Equal(march.MinutesInMonth, march.MinutesElapsed);
        // 360 bad of 300,000 at 99.9%: 0.12% bad, 120% of a budget of 300 events.
        Assert.Equal((99.88, 99.9, false, 120.0), (march.AttainmentPercent, march.ObjectivePercent, march.Met, march.BudgetConsumedPercent));
        Assert.Equal(100.0 * 300 / 44_580, march.CoveragePercent!.Value, 9);
        Assert.Equal(("events", true, "minutes"), (march.Unit, march.Final, march.Source));
        // April is under way: 26 hours of it counted by 2 April 00:00 UTC.
        Assert.Equal((30_000L, 60_000L, false, 26 * 60L), (april.Good, april.Total, april.Final, april.MinutesElapsed));
        Assert.Equal((3, 1, 2, 0), (counted.Summary.Months, counted.Summary.MonthsMet, counted.Summary.MonthsMissed, counted.Summary.MonthsWithoutData));
        Assert.Equal((389_640L, 420_000L), (counted.Summary.Good!.Value, counted.Summary.Total!.Value));

        // The month worker keeps records of the same figures: final months come from them now.
        Assert.Equal(4, await SloClock.CountMonthsAsync(app, clock.GetUtcNow()));
        var recorded = await (await admin.GetAsync($"api/v1/slos/{slo.Name}/sla-report?from=2026-02&to=2026-04")).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);
        Assert.Equal(["record", "record", "minutes"], recorded.Months.Select(m => m.Source));
        HttpAssertions.SameJson(counted.Months.Take(2).Select(m => m with { Source = "record" }).ToList(), recorded.Months.Take(2).ToList());
        HttpAssertions.SameJson(counted.Summary, recorded.Summary);
    }

    [Theory, DatabaseData]
    public async Task TimeSliceMonthsCountGoodSlicesOfTheSlicesWithData(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero));
        var app = await SloClock.ServerAsync(servers, provider, clock);
        // 99% of 5-minute slices in which 95% of events are good; rolling, so months are UTC's.
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("slices"), objective: 99,
            configure: s => (s.Budgeting, s.TimeSliceTargetPercent, s.TimeSliceMinutes) = (BudgetingMethod.Timeslices, 95, 5));
        var may = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        await SloClock.TrafficAsync(app, slo.SliId, may, 100, errorRatio: 0);
        await SloClock.TrafficAsync(app, slo.SliId, may.AddMinutes(100), 10, errorRatio: 0.5);
        // 96% good, above the slice target: still good slices.
        await SloClock.TrafficAsync(app, slo.SliId, may.AddDays(3), 15, errorRatio: 0.04);
        // Two minutes at the very end of May and one in June: the slice at the edge counts in each.
        await SloClock.TrafficAsync(app, slo.SliId, may.AddMonths(1).AddMinutes(-2), 3, errorRatio: 1);

        var report = await (await app.Admin().GetAsync($"api/v1/slos/{slo.Name}/sla-report?from=2026-05&to=2026-05")).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);

        var month = Assert.Single(report.Months);
        Assert.Equal(("slices", 23L, 26L, 127L), (month.Unit, month.Good, month.Total, month.MinutesWithData));
        Assert.Equal(100.0 * 23 / 26, month.AttainmentPercent!.Value, 9);
        Assert.False(month.Met);
        // Three bad slices of 5 minutes against 1% of May's 44,640 minutes.
        Assert.Equal(15 / 446.4 * 100, month.BudgetConsumedPercent!.Value, 9);
        Assert.Equal(("slices", 23L, 26L), (report.Summary.Unit, report.Summary.Good!.Value, report.Summary.Total!.Value));
    }

    [Theory, DatabaseData]
    public async Task MonthsPastTheMinuteRetentionAreStillReportedFromTheirRecords(string provider)
    {
        var january = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(january);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("kept"));
        await SloClock.TrafficAsync(app, slo.SliId, january.AddDays(9), 600, errorRatio: 0.002);
        await SloClock.TrafficAsync(app, slo.SliId, january.AddMonths(1), 60, errorRatio: 0);
        using var admin = app.Admin();

        // Two hours into February: January is final, February is under way.
        clock.SetUtcNow(january.AddMonths(1).AddHours(2));
        await SloClock.CountMonthsAsync(app, clock.GetUtcNow());
        var before = await (await admin.GetAsync($"api/v1/slos/{slo.Name}/sla-report?from=2026-01&to=2026-02")).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);

        // June: the minutes of January and February are past the 100-day retention and gone.
        var june = new DateTimeOffset(2026, 6, 1, 3, 0, 0, TimeSpan.Zero);
        clock.SetUtcNow(june);
        await ForgetOldMinutesAsync(app);
        Assert.Equal(0, app.WithDb(db => db.SliMinutes.Count(m => m.SliId == slo.SliId)));
        // The owner's bootstrap token expired meanwhile (90 days): a viewer of today reads the report.
        using var viewer = app.Client((await app.CreateUserAsync(OrgRole.Viewer)).Token);

        var after = await (await viewer.GetAsync($"api/v1/slos/{slo.Name}/sla-report?from=2025-10&to=2026-06")).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);

        // October 2025 was never counted; November and December were, without data, in February.
        Assert.Equal(["none", "record", "record", "record", "record", "minutes", "minutes", "minutes", "minutes"], after.Months.Select(m => m.Source));
        Assert.Equal((null, false, null), (after.Months[0].ComputedAt, after.Months[0].Final, after.Months[0].Met));
        var (kept, february) = (after.Months[3], after.Months[4]);
        HttpAssertions.SameJson(before.Months[0], kept);
        Assert.Equal(("2026-01", true, 598_800L, 600_000L, 200.0), (kept.Month, kept.Final, kept.Good, kept.Total, kept.BudgetConsumedPercent!.Value));
        // February was last counted two hours in; its minutes are gone, so that record is what there is.
        Assert.Equal(("2026-02", false, 60_000L, 120L), (february.Month, february.Final, february.Total, february.MinutesElapsed));

        // The next count closes February as it stands and counts the months still in retention.
        await SloClock.CountMonthsAsync(app, june);
        var closed = await (await viewer.GetAsync($"api/v1/slos/{slo.Name}/sla-report?from=2026-02&to=2026-02")).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);
        Assert.Equal(("record", true, 60_000L), (closed.Months[0].Source, closed.Months[0].Final, closed.Months[0].Total));
        Assert.Equal(
            ["2025-11 final", "2025-12 final", "2026-01 final", "2026-02 final", "2026-03 final", "2026-04 final", "2026-05 final", "2026-06 open"],
            app.WithDb(db => db.SloMonths.Where(m => m.SloId == slo.Id).OrderBy(m => m.Month).Select(m => new { m.Month, m.Final }).ToList())
                .Select(m => m.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) + (m.Final ? " final" : " open")));
    }

    [Theory, DatabaseData]
    public async Task AMonthBecomesFinalOnceItsEndPlusTheLateHorizonHasPassedAndThenNeverChanges(string provider)
    {
        var june = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(june.AddHours(-1));
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("late"));
        await SloClock.TrafficAsync(app, slo.SliId, june.AddHours(-2), 120, errorRatio: 0);
        SloMonth May() => app.WithDb(db => db.SloMonths.Single(m => m.SloId == slo.Id && m.Month == new DateOnly(2026, 5, 1)));

        await SloClock.CountMonthsAsync(app, june.AddMinutes(-30));
        Assert.Equal((false, 90_000L), (May().Final, May().Total));

        // May is over but still takes late events: it waits to be counted once, when it can be
        // final, however stale its record; June, new, is counted at once.
        Assert.Equal(1, await SloClock.CountMonthsAsync(app, june.AddHours(2).AddSeconds(-1)));
        Assert.Equal((false, 90_000L, june.AddMinutes(-30)), (May().Final, May().Total, May().ComputedAt));

        // Late events for May arrive within the horizon; the count at end + 2 h takes them and closes it.
        await SloClock.TrafficAsync(app, slo.SliId, june.AddHours(-3), 10, errorRatio: 1);
        await SloClock.CountMonthsAsync(app, june.AddHours(2));
        Assert.Equal((true, 120_000L, 130_000L, june.AddHours(2)), (May().Final, May().Good, May().Total, May().ComputedAt));

        // Whatever reaches May's minutes afterwards (no ingest path allows it), the month stays.
        await SloClock.TrafficAsync(app, slo.SliId, june.AddHours(-4), 10, errorRatio: 1);
        await SloClock.CountMonthsAsync(app, june.AddHours(5));
        Assert.Equal((130_000L, june.AddHours(2)), (May().Total, May().ComputedAt));
        var report = await (await app.Admin().GetAsync($"api/v1/slos/{slo.Name}/sla-report?from=2026-05&to=2026-05")).ReadAsync<SlaReportResponse>(HttpStatusCode.OK);
        Assert.Equal(("record", true, 130_000L), (report.Months[0].Source, report.Months[0].Final, report.Months[0].Total));
    }

    [Theory, DatabaseData]
    public async Task TheMonthUnderWayIsRecountedHourlyAndAfterAChangeWhileFinalMonthsKeepTheirObjective(string provider)
    {
        var june = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(june.AddDays(1));
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("hourly"));
        await SloClock.TrafficAsync(app, slo.SliId, june.AddMinutes(-10), 20, errorRatio: 0.001);
        SloMonth Month(int month) => app.WithDb(db => db.SloMonths.Single(m => m.SloId == slo.Id && m.Month == new DateOnly(2026, month, 1)));

        var first = june.AddDays(1);
        Assert.Equal(4, await SloClock.CountMonthsAsync(app, first));
        await SloClock.TrafficAsync(app, slo.SliId, june.AddHours(3), 5, errorRatio: 0);
        Assert.Equal(0, await SloClock.CountMonthsAsync(app, first.AddMinutes(59)));
        Assert.Equal((first, 10_000L), (Month(6).ComputedAt, Month(6).Total));
        Assert.Equal(1, await SloClock.CountMonthsAsync(app, first.AddHours(1)));
        Assert.Equal((first.AddHours(1), 15_000L), (Month(6).ComputedAt, Month(6).Total));

        // A new objective: the month under way is judged by it at the next count, May keeps 99.9.
        var changed = first.AddHours(1).AddMinutes(10);
        app.WithDb(db =>
        {
            var entity = db.Slos.Single(s => s.Id == slo.Id);
            (entity.ObjectivePercent, entity.UpdatedAt) = (99, changed);
            return db.SaveChanges();
        });
        Assert.Equal(1, await SloClock.CountMonthsAsync(app, changed.AddMinutes(1)));
        Assert.Equal((99.0, 99.9), (Month(6).ObjectivePercent, Month(5).ObjectivePercent));
    }

    [Theory, DatabaseData]
    public async Task DeletingAnSloDeletesItsMonthRecords(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 10, 0, 0, 0, TimeSpan.Zero));
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("gone"));
        var other = await SloClock.SloAsync(app, clock, Names.Unique("stays"));
        // April to June: March's first days are past the 100-day retention.
        Assert.Equal(6, await SloClock.CountMonthsAsync(app, clock.GetUtcNow()));
        Assert.Equal(3, app.WithDb(db => db.SloMonths.Count(m => m.SloId == slo.Id)));

        (await app.Admin().DeleteAsync($"api/v1/slos/{slo.Name}")).EnsureSuccessStatusCode();

        Assert.Equal(0, app.WithDb(db => db.SloMonths.Count(m => m.SloId == slo.Id)));
        Assert.Equal(3, app.WithDb(db => db.SloMonths.Count(m => m.SloId == other.Id)));
        await (await app.Admin().GetAsync($"api/v1/slos/{slo.Name}/sla-report")).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task ForgetOldMinutesAsync(UnyoApp app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetServices<IHousekeepingTask>().OfType<ForgetOldSliMinutes>().Single().RunAsync(CancellationToken.None);
    }
}
