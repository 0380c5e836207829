using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Data;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Ingest;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

/// The worker's running sums must give exactly what evaluating every window from its minutes
/// gives, whatever arrives late, whenever cycles run and across calendar boundaries.
public sealed class RunningSumsTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task EveryCycleMatchesTheExactEvaluationThroughLateDataGapsAndAMonthBoundary(string provider)
    {
        // 23:10 on 31 March in New York: the calendar SLO's month turns during the test.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 3, 10, 0, TimeSpan.Zero));
        await using var app = await SloClock.ServerAsync(servers, provider, clock);
        var monthly = await SloClock.SloAsync(app, clock, "sums-monthly");
        var rolling = await SloClock.SloAsync(app, clock, "sums-rolling");
        var daily = await SloClock.SloAsync(app, clock, "sums-daily", objective: 99);
        app.WithDb(db =>
        {
            var calendar = db.Slos.Single(s => s.Id == monthly.Id);
            calendar.RollingDays = null;
            calendar.CalendarPeriod = CalendarPeriod.Month;
            calendar.TimeZone = "America/New_York";
            var shared = db.Slos.Single(s => s.Id == daily.Id);
            // Two SLOs on one SLI, with windows of their own.
            shared.SliId = rolling.SliId;
            shared.RollingDays = 1;
            return db.SaveChanges();
        });
        var slis = new[] { monthly.SliId, rolling.SliId };
        var random = new Random(20261124);
        // A sparse month behind, and a dense last six hours.
        foreach (var sli in slis)
        {
            for (var hour = 30 * 24; hour > 6; hour -= 7)
            {
                await SloClock.TrafficAsync(app, sli, clock.GetUtcNow().AddHours(-hour), 1, random.NextDouble() * 0.01);
            }
            await SloClock.TrafficAsync(app, sli, clock.GetUtcNow().AddHours(-6), 6 * 60, 0.0005);
        }

        for (var cycle = 0; cycle < 45; cycle++)
        {
            foreach (var sli in slis)
            {
                // The current minute, a late minute inside the horizon, now and then a minute
                // older than the ring (which forces a rebuild of that SLI), and a future one.
                var now = clock.GetUtcNow();
                await AddAsync(app, sli, now, random.Next(0, 900), 900);
                await AddAsync(app, sli, now.AddMinutes(-random.Next(1, 110)), random.Next(0, 50), 50);
                if (cycle % 11 == 5)
                {
                    await AddAsync(app, sli, now.AddHours(-5), 7, 10);
                }
                if (cycle % 13 == 3)
                {
                    await AddAsync(app, sli, now.AddMinutes(1), 10, 10);
                }
            }
            await SloClock.EvaluateAsync(app, clock.GetUtcNow());
            await AssertExactAsync(app, clock.GetUtcNow(), cycle);
            // Mostly a minute, sometimes a pause or several minutes at once.
            clock.Advance(TimeSpan.FromSeconds(random.Next(0, 10) switch { 0 => 0, < 8 => 60, 8 => 37, _ => 60 * random.Next(2, 9) }));
        }
        // Time going backwards (an evaluation as of an earlier instant) starts over, still exact.
        await SloClock.EvaluateAsync(app, clock.GetUtcNow().AddHours(-1));
        await AssertExactAsync(app, clock.GetUtcNow().AddHours(-1), cycle: -1);
        using var scope = app.Services.CreateScope();
        Assert.InRange(scope.ServiceProvider.GetRequiredService<SloCycleState>().Rebuilt, 4, 40);
    }

    private static long? Micro(DateTimeOffset? at) => at?.UtcTicks / 10;

    private static async Task AddAsync(UnyoApp app, Guid sli, DateTimeOffset at, long good, long total)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        await scope.ServiceProvider.GetRequiredService<UnyoSettings>().Provider
            .AddCountersAsync(db, SliMinuteWriter.Table, [new(sli, SliMinute.Of(at), good, total)], CancellationToken.None);
    }

    private static async Task AssertExactAsync(UnyoApp app, DateTimeOffset at, int cycle)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var evaluator = scope.ServiceProvider.GetRequiredService<SloEvaluator>();
        foreach (var slo in await db.Slos.AsNoTracking().ToListAsync())
        {
            var exact = await evaluator.EvaluateAsync(slo, at, CancellationToken.None);
            var snapshot = await db.SloSnapshots.AsNoTracking().SingleAsync(s => s.SloId == slo.Id);
            // PostgreSQL keeps microseconds, so the instant is compared at that precision.
            var expected = (exact.Counts.Good, exact.Counts.Total, exact.BudgetRemaining, exact.BurnRates.Single(b => b.Window == TimeSpan.FromHours(1)).BurnRate, Micro(exact.ExhaustionAt));
            var actual = (snapshot.Good, snapshot.Total, snapshot.BudgetRemaining, snapshot.BurnRate1h, Micro(snapshot.ExhaustionAt));
            Assert.True(expected == actual, $"cycle {cycle}, SLO {slo.Name} at {at:O}: expected {expected}, got {actual}");
            // Every rule's windows agree too: the alerts open are exactly those the exact evaluation fires.
            var firing = exact.Rules.Where(r => r.Firing).Select(r => r.Rule.Severity == BurnSeverity.Page ? BurnAlertKind.Page : BurnAlertKind.Ticket)
                .Concat(exact.Exhausted ? [BurnAlertKind.BudgetExhausted] : []).Distinct().Order();
            var open = await db.BurnAlerts.AsNoTracking().Where(a => a.SloId == slo.Id && a.ResolvedAt == null).Select(a => a.Kind).ToListAsync();
            Assert.Equal(firing, open.Order());
        }
    }
}
