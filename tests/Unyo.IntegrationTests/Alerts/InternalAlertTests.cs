using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Sources;
using Unyo.Features.Checks;
using Unyo.Features.Slos;
using Unyo.IntegrationTests.Checks;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

// SLO burn and check state become alerts through the intake like any other, nudged at once by
// the evaluation and the check writer, and a sweep makes up for a nudge that never came.
public sealed class InternalAlertTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AnSloThatBurnsFastPagesAndItsAlertResolvesWhenTheBurnStops(string provider)
    {
        var clock = new FakeTimeProvider(SloClock.Start);
        var app = await SloClock.ServerAsync(servers, provider, clock);
        var slo = await SloClock.SloAsync(app, clock, Names.Unique("search"));
        var service = $"{slo.Name}-svc";
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddDays(-1), 1440, errorRatio: 0);
        await SweepLeaseHeldElsewhereAsync(app, clock);
        var evaluator = new SloEvaluationWorker(app.Services.GetRequiredService<IServiceScopeFactory>(), clock, NullLogger<SloEvaluationWorker>.Instance);

        // A total outage for a minute: the evaluation opens a page burn alert and nudges the sweep.
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start, 1, errorRatio: 1);
        clock.SetUtcNow(SloClock.Start.AddSeconds(59));
        await evaluator.RunOnceAsync(CancellationToken.None);
        var alert = await EventuallyAsync(app, service, a => a.Count == 1 ? a[0] : null);

        Assert.Equal(($"slo:{slo.Id}:page", "unyo/slo", AlertSeverity.Critical, AlertUrgency.High), (alert.DedupKey, alert.Source, alert.Severity, alert.Urgency));
        Assert.Null(alert.IntegrationId);
        Assert.StartsWith($"SLO {slo.DisplayName} of {service} is burning its error budget fast: 2% of the budget in 1h", alert.Summary);
        Assert.EndsWith($"/slos/{slo.Name}", Assert.Single(alert.Links).Href);
        Assert.Contains("\"condition\":\"2% of the budget in 1h", alert.Details);
        Assert.Equal(("page", slo.Name), (alert.Labels["kind"], alert.Labels["slo"]));
        Assert.True(alert.RunbookMissing);
        Assert.Equal("unyo", (await AlertKit.TimelineAsync(app, alert.Id))[0].Actor);

        // Good traffic again: after five minutes the short window clears, the burn alert closes, and so does the alert.
        await SloClock.TrafficAsync(app, slo.SliId, SloClock.Start.AddMinutes(1), 6, errorRatio: 0);
        clock.SetUtcNow(SloClock.Start.AddMinutes(6).AddSeconds(59));
        await evaluator.RunOnceAsync(CancellationToken.None);
        Assert.NotNull(Assert.Single(SloClock.Alerts(app, slo.Id)).ResolvedAt);
        var resolved = await EventuallyAsync(app, service, a => a.Count == 1 && a[0].Status == AlertStatus.Resolved ? a[0] : null);
        Assert.Equal("unyo", resolved.ResolvedBy);
    }

    [Theory, DatabaseData]
    public async Task AHeartbeatThatGoesDownPagesAndItsPingResolvesTheAlert(string provider)
    {
        var clock = new FakeTimeProvider(CheckKit.Start);
        var app = await CheckKit.ServerAsync(servers, provider, clock);
        using var admin = app.Admin();
        var (service, check, pingUrl) = await HeartbeatAsync(admin);
        var watcher = new HeartbeatWatcher(app.Services.GetRequiredService<IServiceScopeFactory>(), clock,
            app.Services.GetRequiredService<CheckRoster>(), app.Services.GetRequiredService<CheckResultQueue>(), NullLogger<HeartbeatWatcher>.Instance);
        await SweepLeaseHeldElsewhereAsync(app, clock);
        using var anonymous = app.Client();
        (await anonymous.GetAsync(pingUrl)).EnsureSuccessStatusCode();
        await CheckKit.FlushAsync(app);

        clock.Advance(TimeSpan.FromMinutes(71));
        await watcher.RunOnceAsync(CancellationToken.None);
        await CheckKit.FlushAsync(app);
        Assert.Equal("down", (await CheckKit.GetAsync(admin, check)).Status);
        var alert = await EventuallyAsync(app, service, a => a.Count == 1 ? a[0] : null);

        Assert.Equal(($"check:{CheckId(app, check)}", "unyo/check", AlertSeverity.Critical, AlertUrgency.High), (alert.DedupKey, alert.Source, alert.Severity, alert.Urgency));
        Assert.StartsWith($"Check {check} of {service} is down: no ping since", alert.Summary);
        Assert.EndsWith($"/checks/{check}", Assert.Single(alert.Links).Href);
        Assert.Contains("\"status\":\"down\"", alert.Details);

        (await anonymous.GetAsync(pingUrl)).EnsureSuccessStatusCode();
        await CheckKit.FlushAsync(app);
        Assert.Equal("up", (await CheckKit.GetAsync(admin, check)).Status);
        var resolved = await EventuallyAsync(app, service, a => a.Count == 1 && a[0].Status == AlertStatus.Resolved ? a[0] : null);
        Assert.Equal(alert.Id, resolved.Id);
    }

    [Theory, DatabaseData]
    public async Task TheSweepMakesUpForALostNudgeAndADegradedCheckThatGoesDownPagesAnew(string provider)
    {
        var clock = new FakeTimeProvider(CheckKit.Start);
        var app = await CheckKit.ServerAsync(servers, provider, clock);
        using var admin = app.Admin();
        var (service, check, _) = await HeartbeatAsync(admin);
        var checkId = CheckId(app, check);
        var sweeper = app.Services.GetServices<IHostedService>().OfType<InternalAlertWorker>().Single();

        // The state is committed but the process dies before anyone is told: no nudge comes.
        await SetStatusAsync(app, checkId, CheckStatus.Degraded);
        await sweeper.SweepAsync(leased: true, CancellationToken.None);
        var degraded = Assert.Single(await AlertKit.AlertsAsync(app, service));
        Assert.Equal((AlertStatus.Triggered, AlertSeverity.Warning, AlertUrgency.Low), (degraded.Status, degraded.Severity, degraded.Urgency));

        // A sweep with nothing changed changes nothing.
        await sweeper.SweepAsync(leased: true, CancellationToken.None);
        Assert.Equal(1, Assert.Single(await AlertKit.AlertsAsync(app, service)).OccurrenceCount);

        await SetStatusAsync(app, checkId, CheckStatus.Down);
        await sweeper.SweepAsync(leased: true, CancellationToken.None);
        var alerts = await AlertKit.AlertsAsync(app, service);
        Assert.Equal([(AlertStatus.Resolved, AlertSeverity.Warning), (AlertStatus.Triggered, AlertSeverity.Critical)], alerts.Select(a => (a.Status, a.Severity)));

        await SetStatusAsync(app, checkId, CheckStatus.Up);
        await sweeper.SweepAsync(leased: true, CancellationToken.None);
        Assert.All(await AlertKit.AlertsAsync(app, service), a => Assert.Equal(AlertStatus.Resolved, a.Status));
    }

    private static async Task<(string Service, string Check, string PingUrl)> HeartbeatAsync(HttpClient admin)
    {
        var (_, service) = await CheckKit.ServiceAsync(admin);
        var name = Names.Unique("nightly");
        var created = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = name, Service = service, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1h", Grace = "10m" },
        })).ReadAsync<CheckResponse>(HttpStatusCode.Created);
        return (service, name, created.PingUrl!);
    }

    // Another node holds the periodic sweep's lease, so on this one only a nudge sweeps: what
    // happens is the nudge's doing, not a periodic sweep that happened to come by.
    private static async Task SweepLeaseHeldElsewhereAsync(UnyoApp app, TimeProvider clock)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        await db.Leases.Where(l => l.Name == InternalAlertWorker.Name).ExecuteDeleteAsync();
        db.Leases.Add(new Unyo.Hosting.Lease { Name = InternalAlertWorker.Name, Holder = "another-node", ExpiresAt = clock.GetUtcNow().AddYears(1) });
        await db.SaveChangesAsync();
    }

    private static Guid CheckId(UnyoApp app, string check) => app.WithDb(db => db.Checks.Where(c => c.Name == check).Select(c => c.Id).Single());

    private static async Task SetStatusAsync(UnyoApp app, Guid checkId, CheckStatus status)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var state = await db.CheckStates.SingleOrDefaultAsync(s => s.CheckId == checkId);
        if (state is null)
        {
            db.CheckStates.Add(new CheckState { CheckId = checkId, Status = status, Reason = "simulated", Since = CheckKit.Start });
        }
        else
        {
            (state.Status, state.Reason) = (status, "simulated");
            state.Version++;
        }
        await db.SaveChangesAsync();
    }

    // The nudged sweep runs in the background: waits (on the real clock) for what it should do.
    private static async Task<Alert> EventuallyAsync(UnyoApp app, string service, Func<List<Alert>, Alert?> wanted)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var alerts = await AlertKit.AlertsAsync(app, service);
            if (wanted(alerts) is { } found)
            {
                return found;
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"the sweep did not act within 10 s; alerts: {string.Join(", ", alerts.Select(a => $"{a.DedupKey} {a.Status}"))}");
            await Task.Delay(50);
        }
    }
}
