using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Sources;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Checks;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Maintenance;

/// A window that names a single check is planned work on that check: while it runs, the check's
/// failures page no one and neither does the burn of an SLO over the check's SLI; an SLO that
/// leaves maintenance out does not count the window's minutes. Once the window ends, a check that
/// is still down pages, and so does the SLO that counted the outage.
public sealed class CheckWindowTests(Servers servers)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Theory, DatabaseData]
    public async Task AWindowOnACheckKeepsItsMinutesOutOfSlosThatExcludeMaintenanceAndHoldsItsAlertsUntilItEnds(string provider)
    {
        await using var site = await TargetSite.StartAsync();
        var clock = new FakeTimeProvider(CheckKit.Start);
        var app = await CheckKit.ServerAsync(servers, provider, clock);
        using var admin = app.Admin();
        await CheckKit.AllowLoopbackAsync(admin);
        var (team, service, check) = (Names.Unique("team"), Names.Unique("shop"), Names.Unique("home"));
        await ApplyAsync(admin, team, service, check, site.Url);
        await HoldSweepLeaseElsewhereAsync(app, clock);
        var sweeper = app.Services.GetServices<IHostedService>().OfType<InternalAlertWorker>().Single();

        // Five minutes up (results at 09:00:30 … 09:05:00), then the window opens at 09:05:00 and
        // the target fails through it (09:05:30 … 09:08:00).
        for (var i = 0; i < 10; i++)
        {
            await CheckKit.RunIntervalAsync(app, clock, Interval);
        }
        var window = Names.Unique("swap");
        (await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest
        {
            Name = window, Team = team, Title = "Front-end swap", Checks = [check],
            Schedule = new() { Start = Instant(clock.GetUtcNow()), End = Instant(clock.GetUtcNow().AddMinutes(30)) },
        })).EnsureSuccessStatusCode();
        site.Status = 500;
        for (var i = 0; i < 6; i++)
        {
            await CheckKit.RunIntervalAsync(app, clock, Interval);
        }
        Assert.Equal("down", (await CheckKit.GetAsync(admin, check)).Status);
        var at = clock.GetUtcNow().AddMinutes(1);
        clock.SetUtcNow(at);
        await SloClock.EvaluateAsync(app, at);
        await sweeper.SweepAsync(leased: false, CancellationToken.None);

        // 09:00:30 … 09:04:30 are counted; the minute 09:05 (one up, one down) and after are not.
        var excluding = await StatusAsync(admin, $"{check}-excluding", at);
        var counting = await StatusAsync(admin, $"{check}-counting", at);
        Assert.Equal((9L, 9L), (excluding.Total, excluding.Good));
        Assert.Equal((16L, 10L), (counting.Total, counting.Good));
        Assert.Empty(excluding.Alerts);
        Assert.Contains(counting.Alerts, a => a.Kind == "page");
        var snapshot = app.WithDb(db => db.SloSnapshots.Single(s => s.SloId == db.Slos.Single(x => x.Name == $"{check}-excluding").Id));
        Assert.Equal((9L, 9L), (snapshot.Total, snapshot.Good));
        // Neither the down check nor the counting SLO's burn paged: the window holds both back.
        Assert.Empty(await AlertKit.AlertsAsync(app, service));

        (await admin.PostAsync($"api/v1/maintenance-windows/{window}/end", null)).EnsureSuccessStatusCode();
        await sweeper.SweepAsync(leased: false, CancellationToken.None);

        var alerts = await AlertKit.AlertsAsync(app, service);
        var sloId = app.WithDb(db => db.Slos.Single(s => s.Name == $"{check}-counting").Id);
        var checkId = app.WithDb(db => db.Checks.Single(c => c.Name == check).Id);
        // The page, the ticket and the spent budget of the counting SLO, and the check.
        Assert.Equal([$"check:{checkId}", $"slo:{sloId}:budget-exhausted", $"slo:{sloId}:page", $"slo:{sloId}:ticket"], alerts.Select(a => a.DedupKey).Order(StringComparer.Ordinal));
        Assert.All(alerts, a => Assert.Equal((AlertStatus.Triggered, null), (a.Status, a.SuppressedBy)));
    }

    private static async Task ApplyAsync(HttpClient admin, string team, string service, string check, Uri url)
    {
        var slo = (string suffix, bool exclude) => $"""
            ---
            apiVersion: unyo.dev/v1
            kind: SLO
            metadata: {"{"}name: {check}-{suffix}{"}"}
            spec:
              service: {service}
              sli: {check}-availability
              objective: 99
              window: 7d
              excludeMaintenance: {(exclude ? "true" : "false")}

            """;
        (await admin.PostJsonAsync("api/v1/apply", new ApplyRequest
        {
            Files = [new ApplyFile("shop.yaml", $"""
                apiVersion: unyo.dev/v1
                kind: Team
                metadata: {"{"}name: {team}{"}"}
                ---
                apiVersion: unyo.dev/v1
                kind: Service
                metadata: {"{"}name: {service}, team: {team}{"}"}
                ---
                apiVersion: unyo.dev/v1
                kind: Check
                metadata: {"{"}name: {check}{"}"}
                spec:
                  service: {service}
                  type: http
                  interval: 30s
                  timeout: 5s
                  downAfter: 1
                  http:
                    url: {url}
                ---
                apiVersion: unyo.dev/v1
                kind: SLI
                metadata: {"{"}name: {check}-availability{"}"}
                spec:
                  service: {service}
                  source: check
                  check: {check}

                """ + slo("excluding", true) + slo("counting", false))],
        })).EnsureSuccessStatusCode();
    }

    private static async Task<SloStatusResponse> StatusAsync(HttpClient admin, string slo, DateTimeOffset at) =>
        await (await admin.GetAsync($"api/v1/slos/{slo}/status?at={Uri.EscapeDataString(at.ToString("O"))}")).ReadAsync<SloStatusResponse>(HttpStatusCode.OK);

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Another node holds the periodic sweep's lease: the sweeps that count are the test's own.
    private static async Task HoldSweepLeaseElsewhereAsync(UnyoApp app, TimeProvider clock)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        await db.Leases.Where(l => l.Name == InternalAlertWorker.Name).ExecuteDeleteAsync();
        db.Leases.Add(new Unyo.Hosting.Lease { Name = InternalAlertWorker.Name, Holder = "another-node", ExpiresAt = clock.GetUtcNow().AddYears(1) });
        await db.SaveChangesAsync();
    }
}
