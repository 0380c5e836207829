using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Checks;

public sealed class CheckApiTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task BadFieldsAreNamedAndNothingIsWritten(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await CheckKit.ServiceAsync(admin);
        var name = Names.Unique("bad");

        var probe = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = name, Service = service, Type = "http", Interval = "5s", Timeout = "2m", Retries = 9, DownAfter = 0, Locations = ["local", "local"], DownLocations = 3,
            Http = new HttpCheckRequest { Url = "https://shop.example.test/" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var heartbeat = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = name, Service = service, Type = "heartbeat", Interval = "1m", Heartbeat = new HeartbeatCheckRequest { Period = "10s", Grace = "soon" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var type = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest { Name = name, Service = service, Type = "icmp" })).ProblemAsync(HttpStatusCode.BadRequest);
        var reserved = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest { Name = "new", Service = service, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1h" } })).ProblemAsync(HttpStatusCode.BadRequest);
        var overlap = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = name, Service = service, Type = "http", Interval = "10s", Timeout = "10s", Http = new HttpCheckRequest { Url = "https://shop.example.test/" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var location = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = name, Service = service, Type = "http", Locations = ["local", "mars"], Http = new HttpCheckRequest { Url = "https://shop.example.test/" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        var noService = await (await admin.PostJsonAsync("api/v1/checks", new CheckRequest
        {
            Name = name, Service = Names.Unique("nowhere"), Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1h" },
        })).ProblemAsync(HttpStatusCode.BadRequest);

        probe.AssertField("interval", "must be between 10s and 1d (got 5s).");
        probe.AssertField("timeout", "must be between 1s and 1m (got 2m).");
        probe.AssertField("retries", "must be between 0 and 3.");
        probe.AssertField("downAfter", "must be between 1 and 10.");
        probe.AssertField("locations", "names a location twice.");
        probe.AssertField("downLocations", "must be between 1 and 1.");
        heartbeat.AssertField("interval", "does not apply to a heartbeat");
        heartbeat.AssertField("heartbeat.period", "must be between 1m and 31d (got 10s).");
        heartbeat.AssertField("heartbeat.grace", "'soon' is not a duration");
        type.AssertField("type", "'icmp' must be http, tcp, tls, dns or heartbeat.");
        reserved.AssertField("name", "'new' is taken by the page that adds a check");
        overlap.AssertField("timeout", "must be shorter than the interval (10s)");
        location.AssertField("locations[1]", "location 'mars' does not exist");
        noService.AssertField("service", "does not exist");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/checks/{name}")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task CreateReadReplaceWithETagAndDeleteOnceNoSliCountsIt(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await CheckKit.ServiceAsync(admin);
        var name = Names.Unique("api");
        var request = new CheckRequest { Name = name, Service = service, Type = "http", Interval = "30s", Http = new HttpCheckRequest { Url = "https://shop.example.test/health" } };

        var created = await admin.PostJsonAsync("api/v1/checks", request);
        var body = await created.ReadAsync<CheckResponse>(HttpStatusCode.Created);
        var taken = await (await admin.PostJsonAsync("api/v1/checks", request)).ProblemAsync(HttpStatusCode.Conflict);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/v1/checks/{name}") { Content = JsonContent.Create(request with { Interval = "1m" }, options: HttpAssertions.Json) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"7\""));
        var refused = await admin.SendAsync(stale);
        var replaced = await (await admin.PutAsJsonAsync($"api/v1/checks/{name}", request with { Interval = "1m", Enabled = false }, HttpAssertions.Json)).ReadAsync<CheckResponse>(HttpStatusCode.OK);
        var history = await (await admin.GetAsync($"api/v1/checks/{name}/history")).ReadAsync<List<CheckStateChangeResponse>>(HttpStatusCode.OK);
        var sli = Names.Unique("avail");
        var sliCreated = await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = sli, Service = service, Source = "check", Check = name });
        var blocked = await (await admin.DeleteAsync($"api/v1/checks/{name}")).ProblemAsync(HttpStatusCode.Conflict);
        (await admin.DeleteAsync($"api/v1/slis/{sli}")).EnsureSuccessStatusCode();
        var deleted = await admin.DeleteAsync($"api/v1/checks/{name}");

        Assert.Equal($"/api/v1/checks/{name}", created.Headers.Location?.OriginalString);
        Assert.Equal((service, team, "http", "30s", "10s", 0, 2, 1, 1, true, "pending", "api"),
            (body.Service, body.Team, body.Type, body.Interval, body.Timeout, body.Retries, body.DownAfter, body.UpAfter, body.DownLocations, body.Enabled, body.Status, body.ManagedBy));
        Assert.Equal(["local"], body.Locations);
        Assert.Equal("https://shop.example.test/health", body.Http!.Url);
        Assert.Null(body.PingUrl);
        taken.AssertField("name", "already exists");
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(("1m", false, "paused", 2), (replaced.Interval, replaced.Enabled, replaced.Status, replaced.Revision));
        Assert.Equal(["pending→paused"], history.Select(h => $"{h.From}→{h.To}"));
        Assert.Equal(HttpStatusCode.Created, sliCreated.StatusCode);
        blocked.AssertField("references", $"counted by SLI {sli}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task AnSliOverACheckNamesACheckOfItsOwnService(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await CheckKit.ServiceAsync(admin);
        var (_, other) = await CheckKit.ServiceAsync(admin);
        var check = Names.Unique("home");
        (await admin.PostJsonAsync("api/v1/checks", new CheckRequest { Name = check, Service = service, Type = "heartbeat", Heartbeat = new HeartbeatCheckRequest { Period = "1h" } })).EnsureSuccessStatusCode();

        var missing = await (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = Names.Unique("sli"), Service = service, Source = "check" })).ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = Names.Unique("sli"), Service = service, Source = "check", Check = Names.Unique("nope") })).ProblemAsync(HttpStatusCode.BadRequest);
        var elsewhere = await (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = Names.Unique("sli"), Service = other, Source = "check", Check = check })).ProblemAsync(HttpStatusCode.BadRequest);
        var native = await (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = Names.Unique("sli"), Service = service, Check = check })).ProblemAsync(HttpStatusCode.BadRequest);
        var latency = await (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = Names.Unique("sli"), Service = service, Source = "check", Check = check, Kind = "latency", LatencyThresholdMs = 800 }))
            .ReadAsync<SliResponse>(HttpStatusCode.Created);

        missing.AssertField("check", "is required for source check");
        unknown.AssertField("check", "does not exist");
        elsewhere.AssertField("check", $"belongs to service '{service}'");
        native.AssertField("check", "applies only to SLIs with source check.");
        Assert.Equal(("check", check, "latency"), (latency.Source, latency.Check, latency.Kind));
    }

    [Theory, DatabaseData]
    public async Task ListsFilterByServiceAndStatusAndRefuseAnUnknownStatus(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await CheckKit.ServiceAsync(admin);
        var (running, paused) = (Names.Unique("a"), Names.Unique("b"));
        foreach (var (name, enabled) in new[] { (running, true), (paused, false) })
        {
            (await admin.PostJsonAsync("api/v1/checks", new CheckRequest { Name = name, Service = service, Type = "heartbeat", Enabled = enabled, Heartbeat = new HeartbeatCheckRequest { Period = "1h" } })).EnsureSuccessStatusCode();
        }

        var all = await (await admin.GetAsync($"api/v1/checks?service={service}")).ReadAsync<Page<CheckResponse>>(HttpStatusCode.OK);
        var pausedOnly = await (await admin.GetAsync($"api/v1/checks?service={service}&status=paused")).ReadAsync<Page<CheckResponse>>(HttpStatusCode.OK);
        var bad = await (await admin.GetAsync("api/v1/checks?status=sideways")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([running, paused], all.Items.Select(c => c.Name));
        Assert.Equal([paused], pausedOnly.Items.Select(c => c.Name));
        bad.AssertField("status", "must be pending, up, degraded, down or paused");
    }
}
