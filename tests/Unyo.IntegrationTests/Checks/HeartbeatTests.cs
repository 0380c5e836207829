using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Checks;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Checks;

// The second "done when": a heartbeat that misses its period goes down after the grace,
// and a restart of Unyo does not mark any heartbeat down.
public sealed class HeartbeatTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AMissedPeriodGoesDownAfterTheGraceAndAPingBringsItBack(string provider)
    {
        var clock = new FakeTimeProvider(CheckKit.Start);
        var app = await CheckKit.ServerAsync(servers, provider, clock);
        using var admin = app.Admin();
        var (name, pingUrl) = await HeartbeatAsync(app, admin, "1h", "10m");
        var watcher = Watcher(app, clock);

        using var anonymous = app.Client();
        var ping = await anonymous.GetAsync(pingUrl);
        Assert.Equal((HttpStatusCode.OK, "OK\n"), (ping.StatusCode, await ping.Content.ReadAsStringAsync()));
        await CheckKit.FlushAsync(app);
        Assert.Equal("up", (await CheckKit.GetAsync(admin, name)).Status);
        var pingedAt = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromMinutes(70));
        await watcher.RunOnceAsync(CancellationToken.None);
        await CheckKit.FlushAsync(app);
        Assert.Equal("up", (await CheckKit.GetAsync(admin, name)).Status);

        clock.Advance(TimeSpan.FromMinutes(1));
        await watcher.RunOnceAsync(CancellationToken.None);
        await CheckKit.FlushAsync(app);
        var down = await CheckKit.GetAsync(admin, name);
        Assert.Equal("down", down.Status);
        Assert.Equal($"no ping since {pingedAt:yyyy-MM-dd HH:mm:ss} UTC (expected every 1h, 10m grace)", down.Reason);

        // A job that says when it starts gets its duration measured.
        await anonymous.GetAsync($"{pingUrl}/start");
        await CheckKit.FlushAsync(app);
        clock.Advance(TimeSpan.FromMinutes(3));
        await anonymous.GetAsync(pingUrl);
        await CheckKit.FlushAsync(app);
        var timed = (await (await admin.GetAsync($"api/v1/checks/{name}/results?limit=1")).ReadAsync<List<CheckResultResponse>>(HttpStatusCode.OK)).Single();
        Assert.Equal((180_000, "3m"), (timed.LatencyMs, timed.Details!["duration"]));

        // A job that fails says so: down at once, with what it posted.
        Assert.Equal("up", (await CheckKit.GetAsync(admin, name)).Status);
        var failed = await anonymous.PostAsync($"{pingUrl}/fail", new StringContent("disk full: /var/backups"));
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        await CheckKit.FlushAsync(app);
        var failing = await CheckKit.GetAsync(admin, name);
        Assert.Equal(("down", "the job reported a failure: disk full: /var/backups"), (failing.Status, failing.Reason));

        var history = await (await admin.GetAsync($"api/v1/checks/{name}/history")).ReadAsync<List<CheckStateChangeResponse>>(HttpStatusCode.OK);
        Assert.Equal(["up→down", "down→up", "up→down", "pending→up"], history.Select(h => $"{h.From}→{h.To}"));
    }

    [Theory, DatabaseData]
    public async Task ARestartDoesNotMarkAHeartbeatDownWhosePingWasDueWhileUnyoWasAway(string provider)
    {
        var clock = new FakeTimeProvider(CheckKit.Start);
        var app = await CheckKit.ServerAsync(servers, provider, clock);
        using var admin = app.Admin();
        var (name, pingUrl) = await HeartbeatAsync(app, admin, "1h", "5m");
        using var anonymous = app.Client();
        (await anonymous.GetAsync(pingUrl)).EnsureSuccessStatusCode();
        await CheckKit.FlushAsync(app);

        // Unyo is away for two hours: the job's pings in between are lost. A watcher that starts
        // afresh (as after a restart) waits one period plus grace before it judges.
        clock.Advance(TimeSpan.FromHours(2));
        var restarted = Watcher(app, clock);
        await restarted.RunOnceAsync(CancellationToken.None);
        await CheckKit.FlushAsync(app);
        Assert.Equal("up", (await CheckKit.GetAsync(admin, name)).Status);

        clock.Advance(TimeSpan.FromMinutes(64));
        await restarted.RunOnceAsync(CancellationToken.None);
        await CheckKit.FlushAsync(app);
        Assert.Equal("up", (await CheckKit.GetAsync(admin, name)).Status);

        // The job really is gone: one period and the grace after the start, it is down.
        clock.Advance(TimeSpan.FromMinutes(2));
        await restarted.RunOnceAsync(CancellationToken.None);
        await CheckKit.FlushAsync(app);
        Assert.Equal("down", (await CheckKit.GetAsync(admin, name)).Status);
    }

    [Theory, DatabaseData]
    public async Task PingUrlsAreSecretsOfTheOwningTeamAndUnknownOnesAreRefused(string provider)
    {
        var clock = new FakeTimeProvider(CheckKit.Start);
        var app = await CheckKit.ServerAsync(servers, provider, clock);
        using var admin = app.Admin();
        var (name, pingUrl) = await HeartbeatAsync(app, admin, "1d", null);
        var viewer = await app.CreateUserAsync(Features.Accounts.OrgRole.Viewer);

        var seen = await CheckKit.GetAsync(app.Client(viewer.Token), name);
        var unknown = await app.Client().GetAsync("ping/AAAAAAAAAAAAAAAAAAAAAA");
        var rotated = await (await admin.PostAsync($"api/v1/checks/{name}/rotate-ping-url", null)).ReadAsync<CheckResponse>(HttpStatusCode.OK);
        var old = await app.Client().GetAsync(pingUrl);

        Assert.Null(seen.PingUrl);
        Assert.Equal(("1d", "5m"), (seen.Heartbeat!.Period, seen.Heartbeat.Grace));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.NotEqual(pingUrl, rotated.PingUrl);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync(rotated.PingUrl)).StatusCode);
    }

    private static async Task<(string Name, string PingUrl)> HeartbeatAsync(UnyoApp app, HttpClient admin, string period, string? grace)
    {
        var (_, service) = await CheckKit.ServiceAsync(admin);
        var name = Names.Unique("nightly");
        var created = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = name, Service = service, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = period, Grace = grace },
        })).ReadAsync<CheckResponse>(HttpStatusCode.Created);
        Assert.StartsWith($"{app.Address.GetLeftPart(UriPartial.Authority)}/ping/", created.PingUrl);
        return (name, created.PingUrl!);
    }

    private static HeartbeatWatcher Watcher(UnyoApp app, TimeProvider clock) => new(
        app.Services.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>(), clock,
        app.Services.GetRequiredService<CheckRoster>(), app.Services.GetRequiredService<CheckResultQueue>(), NullLogger<HeartbeatWatcher>.Instance);
}
