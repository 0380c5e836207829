using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Checks.Locations;
using Unyo.Features.Checks.Probes;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Checks;

// The third "done when": a probe agent in a second process reports results for a check
// assigned to its location; and an agent keeps running while the server is away.
public sealed class ProbeAgentTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AnAgentInASecondProcessReportsResultsForItsLocationsCheck(string provider)
    {
        await using var site = await TargetSite.StartAsync();
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (location, token, check) = await LocationWithCheckAsync(admin, site, "10s");
        var output = new StringBuilder();
        var program = Path.Combine(AppContext.BaseDirectory, "unyo.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{program}\" probe --server {app.Address} --location {location}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["UNYO_PROBE_TOKEN"] = token },
        })!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var results = await WaitForAsync(admin, check, r => r.Any(x => x.Location == location), TimeSpan.FromSeconds(60), () => { lock (output) { return output.ToString(); } });

            var result = results.First(r => r.Location == location);
            Assert.Equal(("up", 1), (result.Outcome, result.Attempts));
            Assert.Equal("200", result.Details!["statusCode"]);
            Assert.DoesNotContain(results, r => r.Location == "local");
            var locations = await (await admin.GetAsync("api/v1/probe-locations")).ReadAsync<List<ProbeLocationResponse>>(HttpStatusCode.OK);
            var seen = locations.Single(l => l.Name == location);
            Assert.NotNull(seen.LastSeenAt);
            Assert.Equal(1, seen.Checks);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory, DatabaseData]
    public async Task AnAgentStartedBeforeItsServerWaitsForItAndSaysWhy(string provider)
    {
        await using var site = await TargetSite.StartAsync();
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (location, token, check) = await LocationWithCheckAsync(admin, site, "10s");
        // The agent's address answers nothing until the "server" comes up there.
        var port = TcpForwarder.FreePort();
        var output = new StringBuilder();
        string Output() { lock (output) { return output.ToString(); } }
        var program = Path.Combine(AppContext.BaseDirectory, "unyo.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{program}\" probe --server http://127.0.0.1:{port} --location {location}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["UNYO_PROBE_TOKEN"] = token },
        })!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Two tries a second apart, then two seconds: backing off, not exiting.
            var waited = Stopwatch.StartNew();
            while (Output().Split("The server does not answer yet").Length < 3)
            {
                Assert.False(process.HasExited, $"the agent exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Output()}");
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"the agent did not retry in time:\n{Output()}");
                await Task.Delay(100);
            }
            Assert.Contains("trying again in 2 s", Output());
            Assert.False(process.HasExited);

            await using var server = TcpForwarder.Start(port, app.Address.Port);
            var results = await WaitForAsync(admin, check, r => r.Any(x => x.Location == location), TimeSpan.FromSeconds(60), Output);

            Assert.Equal("up", results.First(r => r.Location == location).Outcome);
            Assert.False(process.HasExited);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Theory, DatabaseData]
    public async Task AnAgentKeepsRuningWhileTheServerIsAwayAndSendsWhatItKeptWhenItIsBack(string provider)
    {
        await using var site = await TargetSite.StartAsync();
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (location, token, check) = await LocationWithCheckAsync(admin, site, "10s");
        var network = new Switchable(new SocketsHttpHandler());
        var http = new HttpClient(network) { BaseAddress = app.Address };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var agent = new ProbeAgent(new UnyoClient(http), location, app.Services.GetRequiredService<ProbeRunner>(), clock, new ProbeAgentOptions(), NullLogger.Instance);

        await agent.TickAsync(CancellationToken.None);
        Assert.Equal(1, agent.Assigned);
        network.Away = true;
        for (var run = 0; run < 3; run++)
        {
            clock.Advance(TimeSpan.FromSeconds(11));
            await agent.TickAsync(CancellationToken.None);
            await WaitAsync(() => agent.Buffered == run + 1);
        }
        // Away past the assignments' refresh: the agent kept running what it knew.
        Assert.Equal((3, 0L, 1), (agent.Buffered, agent.Sent, agent.Assigned));

        network.Away = false;
        clock.Advance(TimeSpan.FromSeconds(6));
        await agent.TickAsync(CancellationToken.None);

        // The three kept results went out (and a fourth, if this tick's run was quick enough).
        Assert.InRange(agent.Sent, 3, 4);
        var sent = (int)agent.Sent;
        var results = await WaitForAsync(admin, check, r => r.Count(x => x.Location == location) >= sent, TimeSpan.FromSeconds(20), () => "");
        Assert.Equal(sent, results.Count(r => r.Location == location && r.Outcome == "up"));
    }

    [Theory, DatabaseData]
    public async Task AgentsNeedTheirLocationsTokenAndBadResultsAreRefusedWhole(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        await using var site = await TargetSite.StartAsync();
        var (location, token, check) = await LocationWithCheckAsync(admin, site, "30s");
        var checkId = app.WithDb(db => db.Checks.Single(c => c.Name == check).Id);
        using var agent = app.Client(token);
        var now = TimeProvider.System.GetUtcNow();

        var anonymous = await app.Client().GetAsync("api/v1/probe/assignments");
        var apiToken = await admin.GetAsync("api/v1/probe/assignments");
        var assignments = await (await agent.GetAsync("api/v1/probe/assignments")).ReadAsync<ProbeAssignmentsResponse>(HttpStatusCode.OK);
        var bad = await (await agent.PostJsonAsync("api/v1/probe/results", new ProbeResultsRequest
        {
            Results =
            [
                new ProbeResultItem(checkId, now, "up", 12, null, 1, null),
                new ProbeResultItem(checkId, now.AddHours(1), "sideways", -1, null, 9, null),
            ],
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var ignored = await (await agent.PostJsonAsync("api/v1/probe/results", new ProbeResultsRequest
        {
            Results = [new ProbeResultItem(Guid.NewGuid(), now, "up", 12, null, 1, null)],
        })).ReadAsync<ProbeResultsResponse>(HttpStatusCode.Accepted);
        var inUse = await (await admin.DeleteAsync($"api/v1/probe-locations/{location}")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, apiToken.StatusCode);
        Assert.Equal((location, check, "10s"), (assignments.Location, assignments.Checks.Single().Check.Name, assignments.Checks.Single().Check.Timeout));
        Assert.Contains("127.0.0.1", assignments.AllowedTargets);
        bad.AssertField("results[1].outcome", "'sideways' must be up, degraded or down.");
        bad.AssertField("results[1].at", "is in the future");
        bad.AssertField("results[1].latencyMs", "must be between 0 and 600000.");
        bad.AssertField("results[1].attempts", "must be between 1 and 4.");
        Assert.Equal((0, 1), (ignored.Accepted, ignored.Ignored));
        inUse.AssertField("references", $"runs check {check}");
        Assert.Empty(await (await admin.GetAsync($"api/v1/checks/{check}/results")).ReadAsync<List<CheckResultResponse>>(HttpStatusCode.OK));
    }

    private static async Task<(string Location, string Token, string Check)> LocationWithCheckAsync(HttpClient admin, TargetSite site, string interval)
    {
        await CheckKit.AllowLoopbackAsync(admin);
        var location = Names.Unique("edge");
        var created = await (await admin.PostJsonAsync("api/v1/probe-locations", new ProbeLocationRequest { Name = location, Description = "a test agent" }))
            .ReadAsync<ProbeLocationResponse>(HttpStatusCode.Created);
        Assert.StartsWith("unyo_probe_", created.Token);
        var (_, service) = await CheckKit.ServiceAsync(admin);
        var check = Names.Unique("edge-home");
        (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = check, Service = service, Type = "http", Interval = interval, Locations = [location], DownAfter = 1, Http = new HttpCheckRequest { Url = site.Url.ToString() },
        })).EnsureSuccessStatusCode();
        return (location, created.Token!, check);
    }

    private static async Task<List<CheckResultResponse>> WaitForAsync(HttpClient admin, string check, Func<List<CheckResultResponse>, bool> done, TimeSpan limit, Func<string> log)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var results = await (await admin.GetAsync($"api/v1/checks/{check}/results")).ReadAsync<List<CheckResultResponse>>(HttpStatusCode.OK);
            if (done(results))
            {
                return results;
            }
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"no result arrived within {limit}; {results.Count} results. Agent output:\n{log()}");
            }
            await Task.Delay(250);
        }
    }

    private static async Task WaitAsync(Func<bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the probe did not finish in time");
            await Task.Delay(20);
        }
    }

    /// A network that can be cut: while Away, every request fails as if the server were down.
    private sealed class Switchable(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public volatile bool Away;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Away ? throw new HttpRequestException("Connection refused (simulated)") : base.SendAsync(request, cancellationToken);
    }
}
