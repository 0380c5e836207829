using System.Net;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Slos;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

// The SRE Workbook's behaviours for a 99.9% / 30-day SLO, end to end: buckets in the database,
// the evaluator's cycle at each minute of a FakeTimeProvider, alerts as durable rows.
public sealed class BurnAlertTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task FifteenPercentErrorsForTenMinutesPageAfterAboutSixMinutesAndClearAboutFiveAfter(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("checkout"));
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-3), 3 * 1440, errorRatio: 0);

        for (var minute = 0; minute < 30; minute++)
        {
            var start = SloClock.Start.AddMinutes(minute);
            await SloClock.TrafficAsync(app, slo.SliId, start, 1, errorRatio: minute < 10 ? 0.15 : 0);
            clock.SetUtcNow(start.AddSeconds(59));
            await SloClock.EvaluateAsync(app, clock.GetUtcNow());
        }

        var page = Assert.Single(SloClock.Alerts(app, slo.Id));
        Assert.Equal(BurnAlertKind.Page, page.Kind);
        Assert.Equal(SloClock.Start.AddMinutes(5).AddSeconds(59), page.FiredAt);
        Assert.Equal(SloClock.Start.AddMinutes(14).AddSeconds(59), page.ResolvedAt);
        Assert.StartsWith("2% of the budget in 1h", page.Condition);
        Assert.True(page.Peak > 14.4);
    }

    [Theory, DatabaseData]
    public async Task ATotalOutagePagesWithinAMinuteAndTheStatusSaysWhy(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("search"));
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-1), 1440, errorRatio: 0);

        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start, 1, errorRatio: 1);
        clock.SetUtcNow(SloClock.Start.AddSeconds(59));
        await SloClock.EvaluateAsync(app, clock.GetUtcNow());

        var alert = Assert.Single(SloClock.Alerts(app, slo.Id));
        Assert.Equal((BurnAlertKind.Page, (DateTimeOffset?)null), (alert.Kind, alert.ResolvedAt));

        var status = await (await app.Admin().GetAsync($"api/v1/slos/{slo.Name}/status")).ReadAsync<SloStatusResponse>(HttpStatusCode.OK);
        Assert.Equal(clock.GetUtcNow(), status.At);
        Assert.Equal(1441 * 1000, status.Total);
        Assert.Equal(1000, status.Budget.Consumed);
        Assert.Equal("events", status.Budget.Unit);
        Assert.Equal(1441, status.Budget.Total, 6);
        Assert.Equal(100 * (1 - 1000 / 1441.0), status.Budget.RemainingPercent!.Value, 6);
        var fiveMinutes = status.BurnRates.Single(b => b.Window == "5m");
        Assert.Equal(200, fiveMinutes.BurnRate!.Value, 6);
        var firing = Assert.Single(status.Rules, r => r.Firing);
        Assert.Equal(("page", "1h", "5m", 14.4), (firing.Severity, firing.LongWindow, firing.ShortWindow, Math.Round(firing.Threshold, 6)));
        Assert.Equal("page", Assert.Single(status.Alerts).Kind);

        var open = await (await app.Admin().GetAsync("api/v1/slo-alerts")).ReadAsync<List<BurnAlertResponse>>(HttpStatusCode.OK);
        Assert.Contains(open, a => a.Slo == slo.Name && a.Kind == "page");
    }

    [Theory, DatabaseData]
    public async Task AZeroPointTwoPercentErrorRateRaisesATicketNotAPage(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("ledger"));
        // 27 quiet days, then 3 at 0.2%: a fifth of the 30-day budget spent, burning at 2×.
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-30), 27 * 1440, errorRatio: 0);
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-3), 3 * 1440, errorRatio: 0.002);

        await SloClock.EvaluateAsync(app, SloClock.Start);

        var ticket = Assert.Single(SloClock.Alerts(app, slo.Id));
        Assert.Equal(BurnAlertKind.Ticket, ticket.Kind);
        Assert.StartsWith("10% of the budget in 3d", ticket.Condition);
    }

    [Theory, DatabaseData]
    public async Task TheStatusCanBeAskedAsOfAnEarlierInstantAndRefusesBadOnes(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("billing"));
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddHours(-2), 60, errorRatio: 0.5);
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddHours(-1), 60, errorRatio: 0);
        using var client = app.Admin();

        var earlier = await (await client.GetAsync($"api/v1/slos/{slo.Name}/status?at=2026-03-01T23:00:00Z")).ReadAsync<SloStatusResponse>(HttpStatusCode.OK);
        var now = await (await client.GetAsync($"api/v1/slos/{slo.Name}/status")).ReadAsync<SloStatusResponse>(HttpStatusCode.OK);

        // At 23:00 exactly, the window ends with 22:59: the bad hour alone.
        Assert.Equal((30_000, 60_000), (earlier.Good, earlier.Total));
        Assert.Equal(50, earlier.AttainmentPercent!.Value, 6);
        Assert.Equal(120_000, now.Total);
        Assert.Equal(0, now.BurnRates.Single(b => b.Window == "1h").BurnRate);

        (await (await client.GetAsync($"api/v1/slos/{slo.Name}/status?at=yesterday")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("at", "RFC 3339");
        (await (await client.GetAsync($"api/v1/slos/{slo.Name}/status?at=2026-03-02T01:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("at", "in the future");
        (await (await client.GetAsync($"api/v1/slos/{slo.Name}/status?at=2025-01-01T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("at", "no longer kept");
        await (await client.GetAsync("api/v1/slos/no-such-slo/status")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task AnSloWithoutDataShowsNoDataRatherThanAHundredPercent(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("quiet"));

        await SloClock.EvaluateAsync(app, clock.GetUtcNow());
        var status = await (await app.Admin().GetAsync($"api/v1/slos/{slo.Name}/status")).ReadAsync<SloStatusResponse>(HttpStatusCode.OK);

        Assert.False(status.HasData);
        Assert.Null(status.AttainmentPercent);
        Assert.Null(status.Budget.RemainingPercent);
        Assert.Empty(SloClock.Alerts(app, slo.Id));
        Assert.Null(app.WithDb(db => db.SloSnapshots.Single(s => s.SloId == slo.Id).Attainment));
    }
}
