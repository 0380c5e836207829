using System.Net;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Checks;

// The issue's first "done when": an HTTP check added in YAML goes down when its target answers
// 500, the availability SLO over it burns, and both recover when the target does.
public sealed class CheckJourneyTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AnHttpCheckFromYamlGoesDownOn500BurnsItsSloAndRecovers(string provider)
    {
        await using var site = await TargetSite.StartAsync();
        var clock = new FakeTimeProvider(CheckKit.Start);
        var app = await CheckKit.ServerAsync(servers, provider, clock);
        using var admin = app.Admin();
        await CheckKit.AllowLoopbackAsync(admin);
        var (team, service, check) = (Names.Unique("team"), Names.Unique("shop"), Names.Unique("home"));
        var applied = await admin.PostJsonAsync("api/v1/apply", new ApplyRequest
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
                  downAfter: 2
                  http:
                    url: {site.Url}
                ---
                apiVersion: unyo.dev/v1
                kind: SLI
                metadata: {"{"}name: {check}-availability{"}"}
                spec:
                  service: {service}
                  source: check
                  check: {check}
                ---
                apiVersion: unyo.dev/v1
                kind: SLO
                metadata: {"{"}name: {check}-slo{"}"}
                spec:
                  service: {service}
                  sli: {check}-availability
                  objective: 99
                  window: 7d
                """)],
        });
        var plan = await applied.ReadAsync<ApplyResponse>(HttpStatusCode.OK);
        Assert.Equal([$"create Team {team}", $"create Service {service}", $"create Check {check}", $"create SLI {check}-availability", $"create SLO {check}-slo"],
            plan.Changes.Select(c => $"{c.Action} {c.Kind} {c.Name}"));
        Assert.Equal("pending", (await CheckKit.GetAsync(admin, check)).Status);

        var interval = TimeSpan.FromSeconds(30);
        for (var i = 0; i < 10; i++)
        {
            await CheckKit.RunIntervalAsync(app, clock, interval);
        }
        Assert.Equal("up", (await CheckKit.GetAsync(admin, check)).Status);

        site.Status = 500;
        await CheckKit.RunIntervalAsync(app, clock, interval);
        Assert.Equal("up", (await CheckKit.GetAsync(admin, check)).Status);
        await CheckKit.RunIntervalAsync(app, clock, interval);
        var down = await CheckKit.GetAsync(admin, check);
        Assert.Equal("down", down.Status);
        Assert.StartsWith("HTTP 500, expected 200-299", down.Reason);
        Assert.Equal(clock.GetUtcNow(), down.StatusSince);

        // Evaluation reads whole minutes: the last run's minute is complete a minute on.
        var complete = clock.GetUtcNow().AddMinutes(1);
        await SloClock.EvaluateAsync(app, complete);
        var burning = await (await admin.GetAsync($"api/v1/slos/{check}-slo/status?at={Uri.EscapeDataString(complete.ToString("O"))}")).ReadAsync<SloStatusResponse>(HttpStatusCode.OK);
        Assert.Equal((12L, 10L), (burning.Total, burning.Good));
        Assert.Equal(2, burning.Budget.Consumed);
        Assert.Contains(burning.Alerts, a => a.Kind == "page");

        site.Status = 200;
        await CheckKit.RunIntervalAsync(app, clock, interval);
        var recovered = await CheckKit.GetAsync(admin, check);
        Assert.Equal("up", recovered.Status);

        var history = await (await admin.GetAsync($"api/v1/checks/{check}/history")).ReadAsync<List<CheckStateChangeResponse>>(HttpStatusCode.OK);
        Assert.Equal(["down→up", "up→down", "pending→up"], history.Select(h => $"{h.From}→{h.To}"));
        var results = await (await admin.GetAsync($"api/v1/checks/{check}/results?limit=3")).ReadAsync<List<CheckResultResponse>>(HttpStatusCode.OK);
        Assert.Equal(["up", "down", "down"], results.Select(r => r.Outcome));
        Assert.Equal("500", results[1].Details!["statusCode"]);
        Assert.Equal("local", results[0].Location);
        var minutes = await (await admin.GetAsync($"api/v1/checks/{check}/minutes?from={Uri.EscapeDataString(CheckKit.Start.ToString("O"))}")).ReadAsync<List<CheckMinuteResponse>>(HttpStatusCode.OK);
        Assert.Equal(13, minutes.Sum(m => m.Runs));
        Assert.Equal(2, minutes.Sum(m => m.Down));
        Assert.Equal(13, site.Requests);
    }
}
