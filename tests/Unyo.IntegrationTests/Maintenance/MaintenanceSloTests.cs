using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Maintenance;

/// SLOs that exclude maintenance must leave out exactly the minutes of the windows covering their
/// service: the worker's running sums (less the excluded minutes) and the status endpoint's
/// minutes must both equal the calculator run on the minutes this test filters itself, and an
/// outage inside a window must not page them, while an SLO on the same SLI that counts
/// maintenance sees and pages it.
public sealed class MaintenanceSloTests(Servers servers)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Theory, DatabaseData]
    public async Task ExcludedMinutesCountNeitherWayAndAnOutageInsideAWindowPagesOnlyTheSloThatCountsIt(string provider)
    {
        var clock = new FakeTimeProvider(Now);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var name = Names.Unique("mx");
        var excluding = await SloClock.SloAsync(app, clock, name, configure: s => s.ExcludeMaintenance = true);
        var sliId = excluding.SliId;
        var (counting, monthly, sliced) = app.WithDb(db =>
        {
            Slo Add(string suffix, Action<Slo> configure)
            {
                var slo = new Slo
                {
                    Id = Guid.NewGuid(), Name = $"{name}-{suffix}", DisplayName = suffix, ServiceId = excluding.ServiceId, SliId = sliId,
                    ObjectivePercent = 99.9, RollingDays = 30, Budgeting = BudgetingMethod.Occurrences, CreatedAt = Now, UpdatedAt = Now,
                };
                configure(slo);
                db.Slos.Add(slo);
                return slo;
            }
            var slos = (Add("counting", _ => { }),
                Add("monthly", s => (s.RollingDays, s.CalendarPeriod, s.TimeZone, s.ExcludeMaintenance) = (null, CalendarPeriod.Month, "Europe/Berlin", true)),
                Add("sliced", s => (s.Budgeting, s.TimeSliceTargetPercent, s.TimeSliceMinutes, s.ExcludeMaintenance) = (BudgetingMethod.Timeslices, 99, 5, true)));
            db.SaveChanges();
            return slos;
        });
        using var admin = app.Admin();
        // A nightly window, every night at 03:00 UTC for 30 minutes, and an upgrade under way now
        // that starts and ends within minutes (not on their edges).
        (await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest
        {
            Name = $"{name}-nightly", Team = $"{name}-team", Title = "Nightly restart", Services = [$"{name}-svc"],
            Schedule = new() { Cron = "0 3 * * *", Duration = "30m" },
        })).EnsureSuccessStatusCode();
        var upgradeStart = Now.AddMinutes(-30).AddSeconds(20);
        (await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest
        {
            Name = $"{name}-upgrade", Team = $"{name}-team", Title = "Database upgrade", Services = [$"{name}-svc"],
            Schedule = new() { Start = At(upgradeStart), End = At(Now.AddMinutes(20)) },
        })).EnsureSuccessStatusCode();
        var windows = new List<(DateTimeOffset Start, DateTimeOffset End)> { (upgradeStart, Now.AddMinutes(20)) };
        for (var day = Now.AddDays(-40).Date; day <= Now.Date; day = day.AddDays(1))
        {
            windows.Add((new DateTimeOffset(day.AddHours(3), TimeSpan.Zero), new DateTimeOffset(day.AddHours(3.5), TimeSpan.Zero)));
        }
        bool Inside(long minute) => windows.Any(w => SliMinute.Start(minute) < w.End && SliMinute.Start(minute).AddMinutes(1) > w.Start);

        // Three days behind: a few errors, half of them at night's maintenance; everything fails
        // during the upgrade.
        app.WithDb(db =>
        {
            for (var minute = SliMinute.Of(Now.AddDays(-3)); minute < SliMinute.Of(Now); minute++)
            {
                var bad = SliMinute.Start(minute) >= upgradeStart.AddSeconds(-20) ? 1000 : Inside(minute) ? 500 : minute % 3 == 0 ? 1 : 0;
                db.SliMinutes.Add(new SliMinute { SliId = sliId, Minute = minute, Good = 1000 - bad, Total = 1000 });
            }
            return db.SaveChanges();
        });

        for (var cycle = 0; cycle < 12; cycle++)
        {
            var minuteStart = Now.AddMinutes(cycle);
            clock.SetUtcNow(minuteStart.AddSeconds(30));
            if (cycle == 6)
            {
                // The upgrade is done early: ended now, half way into this minute.
                (await admin.PostAsync($"api/v1/maintenance-windows/{name}-upgrade/end", null)).EnsureSuccessStatusCode();
                windows[0] = (upgradeStart, clock.GetUtcNow());
            }
            await SloClock.TrafficAsync(app, sliId, minuteStart, 1, cycle < 6 ? 1 : 0);
            if (cycle == 8)
            {
                // Late events for a minute inside the upgrade, and for one outside any window.
                await LateAsync(app, sliId, Now.AddMinutes(-10));
                await LateAsync(app, sliId, Now.AddMinutes(-40));
            }
            await SloClock.EvaluateAsync(app, clock.GetUtcNow());
            await AssertExactAsync(app, clock.GetUtcNow(), Inside, cycle);

            var open = app.WithDb(db => db.BurnAlerts.Where(a => a.ResolvedAt == null && a.Kind == BurnAlertKind.Page).Select(a => a.SloId).ToList());
            Assert.DoesNotContain(excluding.Id, open);
            Assert.DoesNotContain(monthly.Id, open);
            if (cycle < 6)
            {
                Assert.Contains(counting.Id, open);
            }
        }
        var status = await (await admin.GetAsync($"api/v1/slos/{excluding.Name}/status")).ReadAsync<SloStatusResponse>(HttpStatusCode.OK);
        var countingStatus = await (await admin.GetAsync($"api/v1/slos/{counting.Name}/status")).ReadAsync<SloStatusResponse>(HttpStatusCode.OK);
        Assert.True(countingStatus.Total - status.Total > 100 * 1000, $"{countingStatus.Total} vs {status.Total}");
        Assert.True(status.Budget.RemainingPercent > 50, $"{status.Budget.RemainingPercent}");
        Assert.True(countingStatus.Budget.RemainingPercent < 0, $"{countingStatus.Budget.RemainingPercent}");
        Assert.Empty(SloClock.Alerts(app, excluding.Id));
        Assert.DoesNotContain(SloClock.Alerts(app, sliced.Id), a => a.Kind == BurnAlertKind.Page);
    }

    private static long? Micro(DateTimeOffset? at) => at?.UtcTicks / 10;

    // 50 more bad events in a minute already written, as ingest adds them.
    private static async Task LateAsync(UnyoApp app, Guid sli, DateTimeOffset at)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Unyo.Hosting.UnyoSettings>().Provider.AddCountersAsync(
            scope.ServiceProvider.GetRequiredService<UnyoDb>(), Unyo.Features.Telemetry.Ingest.SliMinuteWriter.Table, [new(sli, SliMinute.Of(at), 0, 50)], CancellationToken.None);
    }

    // For every SLO: the worker's snapshot equals the status path's evaluation, which equals the
    // calculator on the minutes the test keeps (all of them for SLOs that count maintenance).
    private static async Task AssertExactAsync(UnyoApp app, DateTimeOffset at, Func<long, bool> inside, int cycle)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var evaluator = scope.ServiceProvider.GetRequiredService<SloEvaluator>();
        var data = scope.ServiceProvider.GetRequiredService<SliData>();
        foreach (var slo in await db.Slos.AsNoTracking().ToListAsync())
        {
            var definition = slo.ToDefinition();
            var minutes = await data.MinutesAsync(slo.SliId, at, definition.Lookback(at), CancellationToken.None);
            var kept = slo.ExcludeMaintenance ? [.. minutes.Where(m => !inside(m.Minute))] : minutes;
            var independent = SloCalculator.Evaluate(definition, kept, at);
            var exact = await evaluator.EvaluateAsync(slo, at, CancellationToken.None);
            var snapshot = await db.SloSnapshots.AsNoTracking().SingleAsync(s => s.SloId == slo.Id);
            var expected = (independent.Counts.Good, independent.Counts.Total, independent.BudgetRemaining, independent.BurnRates.Single(b => b.Window == TimeSpan.FromHours(1)).BurnRate, Micro(independent.ExhaustionAt));
            var viaStatus = (exact.Counts.Good, exact.Counts.Total, exact.BudgetRemaining, exact.BurnRates.Single(b => b.Window == TimeSpan.FromHours(1)).BurnRate, Micro(exact.ExhaustionAt));
            var viaWorker = (snapshot.Good, snapshot.Total, snapshot.BudgetRemaining, snapshot.BurnRate1h, Micro(snapshot.ExhaustionAt));
            Assert.True(expected == viaStatus, $"cycle {cycle}, SLO {slo.Name}: expected {expected}, the status path gave {viaStatus}");
            Assert.True(expected == viaWorker, $"cycle {cycle}, SLO {slo.Name}: expected {expected}, the worker gave {viaWorker}");
            var firing = independent.Rules.Where(r => r.Firing).Select(r => r.Rule.Severity == BurnSeverity.Page ? BurnAlertKind.Page : BurnAlertKind.Ticket)
                .Concat(independent.Exhausted ? [BurnAlertKind.BudgetExhausted] : []).Distinct().Order();
            var open = await db.BurnAlerts.AsNoTracking().Where(a => a.SloId == slo.Id && a.ResolvedAt == null).Select(a => a.Kind).ToListAsync();
            Assert.Equal(firing, open.Order());
        }
    }
}
