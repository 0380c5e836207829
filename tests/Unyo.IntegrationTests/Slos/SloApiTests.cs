using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Telemetry;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Slos;

public sealed class SloApiTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task CreateThenGetReturnsEveryFieldWithETagAndLocation(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var sliName = Names.Unique("latency");
        var name = Names.Unique("slo");

        var sliCreated = await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = sliName, Service = service, Kind = "latency", LatencyThresholdMs = 250, Description = "Checkout answered within 250 ms." });
        var sloCreated = await admin.PostJsonAsync("api/v1/slos", new SloRequest
        {
            Name = name,
            DisplayName = "Checkout latency",
            Description = "Fast enough for buyers.",
            Service = service,
            Sli = sliName,
            Objective = 99.5m,
            Window = "28d",
            AlertRules = [new SloAlertRule { Severity = "ticket", LongWindow = "1d", ShortWindow = "2h", BudgetConsumed = 10 }],
        });

        var sli = await sliCreated.ReadAsync<SliResponse>(HttpStatusCode.Created);
        var slo = await sloCreated.ReadAsync<SloResponse>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/slis/{sliName}", sliCreated.Headers.Location?.OriginalString);
        Assert.Equal($"/api/v1/slos/{name}", sloCreated.Headers.Location?.OriginalString);
        Assert.Equal(("\"1\"", "\"1\""), (sliCreated.Headers.ETag?.Tag, sloCreated.Headers.ETag?.Tag));
        Assert.Equal((service, team, "latency", 250, "native", "api", "Checkout answered within 250 ms."), (sli.Service, sli.Team, sli.Kind, sli.LatencyThresholdMs, sli.Source, sli.ManagedBy, sli.Description));
        var fetchedSli = await admin.GetAsync($"api/v1/slis/{sliName}");
        HttpAssertions.SameJson(sli, await fetchedSli.ReadAsync<SliResponse>(HttpStatusCode.OK));
        Assert.Equal("\"1\"", fetchedSli.Headers.ETag?.Tag);
        var fetched = await admin.GetAsync($"api/v1/slos/{name}");
        HttpAssertions.SameJson(slo, await fetched.ReadAsync<SloResponse>(HttpStatusCode.OK));
        Assert.Equal("\"1\"", fetched.Headers.ETag?.Tag);
        Assert.Equal(("Checkout latency", service, team, sliName, 99.5m, "28d", "occurrences"), (slo.DisplayName, slo.Service, slo.Team, slo.Sli, slo.Objective, slo.Window, slo.Budgeting));
        Assert.Equal(("ticket", "1d", "2h", 10m), (slo.AlertRules[0].Severity, slo.AlertRules[0].LongWindow, slo.AlertRules[0].ShortWindow, slo.AlertRules[0].BudgetConsumed));
        Assert.Equal(TimeSpan.Zero, slo.CreatedAt.Offset);
    }

    [Theory, DatabaseData]
    public async Task ListsFilterByServiceAndTeamAndPageWithCursor(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (_, other) = await SloTestKit.CreateServiceAsync(admin, team);
        var (_, foreign) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SloTestKit.CreateSliAsync(admin, service);
        var otherSli = await SloTestKit.CreateSliAsync(admin, other);
        await SloTestKit.CreateSliAsync(admin, foreign);
        for (var i = 0; i < 3; i++)
        {
            (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo($"{service}-slo{i}", service, sli))).EnsureSuccessStatusCode();
        }
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo($"{other}-slo", other, otherSli))).EnsureSuccessStatusCode();

        var first = await (await admin.GetAsync($"api/v1/slos?service={service}&limit=2")).ReadAsync<Page<SloResponse>>(HttpStatusCode.OK);
        var second = await (await admin.GetAsync($"api/v1/slos?service={service}&limit=2&cursor={first.NextCursor}")).ReadAsync<Page<SloResponse>>(HttpStatusCode.OK);
        var byTeam = await (await admin.GetAsync($"api/v1/slos?team={team}")).ReadAsync<Page<SloResponse>>(HttpStatusCode.OK);
        var slisByTeam = await (await admin.GetAsync($"api/v1/slis?team={team}")).ReadAsync<Page<SliResponse>>(HttpStatusCode.OK);
        var slisByService = await (await admin.GetAsync($"api/v1/slis?service={other}&limit=1")).ReadAsync<Page<SliResponse>>(HttpStatusCode.OK);
        var badCursor = await (await admin.GetAsync("api/v1/slos?cursor=!!!")).ProblemAsync(HttpStatusCode.BadRequest);
        var badLimit = await (await admin.GetAsync("api/v1/slis?limit=0")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([$"{service}-slo0", $"{service}-slo1"], first.Items.Select(s => s.Name));
        Assert.Equal([$"{service}-slo2"], second.Items.Select(s => s.Name));
        Assert.Null(second.NextCursor);
        Assert.Equal(new[] { $"{other}-slo", $"{service}-slo0", $"{service}-slo1", $"{service}-slo2" }.Order(StringComparer.Ordinal), byTeam.Items.Select(s => s.Name));
        Assert.Equal(new[] { otherSli, sli }.Order(StringComparer.Ordinal), slisByTeam.Items.Select(s => s.Name));
        Assert.Equal([otherSli], slisByService.Items.Select(s => s.Name));
        Assert.Null(slisByService.NextCursor);
        Assert.Contains("cursor", badCursor.Keys);
        Assert.Contains("limit", badLimit.Keys);
    }

    [Theory, DatabaseData]
    public async Task ReplaceWithStaleETagIsRefusedAndChangesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SloTestKit.CreateSliAsync(admin, service);
        var name = Names.Unique("slo");
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(name, service, sli))).EnsureSuccessStatusCode();
        HttpRequestMessage Put(string url, object body, string etag)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
            request.Headers.IfMatch.ParseAdd(etag);
            return request;
        }

        var updated = await (await admin.SendAsync(Put($"api/v1/slos/{name}", SloTestKit.Slo(name, service, sli) with { Objective = 99 }, "\"1\""))).ReadAsync<SloResponse>(HttpStatusCode.OK);
        var stale = await admin.SendAsync(Put($"api/v1/slos/{name}", SloTestKit.Slo(name, service, sli) with { Objective = 95 }, "\"1\""));
        var staleDelete = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/v1/slos/{name}") { Headers = { IfMatch = { new("\"1\"") } } });
        var sliUpdated = await (await admin.SendAsync(Put($"api/v1/slis/{sli}", new SliRequest { Service = service, Description = "now described" }, "\"1\""))).ReadAsync<SliResponse>(HttpStatusCode.OK);
        var sliStale = await admin.SendAsync(Put($"api/v1/slis/{sli}", new SliRequest { Service = service }, "\"1\""));
        var renamed = await (await admin.PutAsJsonAsync($"api/v1/slos/{name}", SloTestKit.Slo("other-name", service, sli))).ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await admin.PutAsJsonAsync("api/v1/slos/no-such-slo", SloTestKit.Slo("no-such-slo", service, sli));

        Assert.Equal((99m, 2), (updated.Objective, updated.Revision));
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        await staleDelete.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(("now described", 2), (sliUpdated.Description, sliUpdated.Revision));
        await sliStale.ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Contains("must match the URL", renamed["name"][0]);
        await missing.ProblemAsync(HttpStatusCode.NotFound);
        var current = await admin.GetAsync($"api/v1/slos/{name}");
        Assert.Equal(99m, (await current.ReadAsync<SloResponse>(HttpStatusCode.OK)).Objective);
        Assert.Equal("\"2\"", current.Headers.ETag?.Tag);
    }

    [Theory, DatabaseData]
    public async Task IdempotencyKeyReplaysTheFirstCreateAndRefusesAnotherBody(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SloTestKit.CreateSliAsync(admin, service);
        var name = Names.Unique("slo");
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request(string url, object body) => new(HttpMethod.Post, url) { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } };

        var first = await admin.SendAsync(Request("api/v1/slos", SloTestKit.Slo(name, service, sli)));
        var replay = await admin.SendAsync(Request("api/v1/slos", SloTestKit.Slo(name, service, sli)));
        var other = await admin.SendAsync(Request("api/v1/slos", SloTestKit.Slo(Names.Unique("other"), service, sli)));
        var sliKey = Guid.NewGuid().ToString();
        var sliName = Names.Unique("sli");
        HttpRequestMessage SliRequest() => new(HttpMethod.Post, "api/v1/slis") { Content = JsonContent.Create(new SliRequest { Name = sliName, Service = service }), Headers = { { "Idempotency-Key", sliKey } } };
        var sliFirst = await admin.SendAsync(SliRequest());
        var sliReplay = await admin.SendAsync(SliRequest());

        HttpAssertions.SameJson(await first.ReadAsync<SloResponse>(HttpStatusCode.Created), await replay.ReadAsync<SloResponse>(HttpStatusCode.Created));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        await other.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        HttpAssertions.SameJson(await sliFirst.ReadAsync<SliResponse>(HttpStatusCode.Created), await sliReplay.ReadAsync<SliResponse>(HttpStatusCode.Created));
        Assert.Equal("true", sliReplay.Headers.GetValues("Idempotent-Replayed").Single());
        var page = await (await admin.GetAsync($"api/v1/slos?service={service}")).ReadAsync<Page<SloResponse>>(HttpStatusCode.OK);
        Assert.Equal([name], page.Items.Select(s => s.Name));
    }

    [Theory, DatabaseData]
    public async Task DuplicateNamesAreConflicts(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SloTestKit.CreateSliAsync(admin, service);
        var name = Names.Unique("slo");
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(name, service, sli))).EnsureSuccessStatusCode();

        var sloAgain = await (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(name, service, sli))).ProblemAsync(HttpStatusCode.Conflict);
        var sliAgain = await (await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = sli, Service = service })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal([$"an SLO named '{name}' already exists."], sloAgain["name"]);
        Assert.Equal([$"an SLI named '{sli}' already exists."], sliAgain["name"]);
    }

    [Theory, DatabaseData]
    public async Task DeletesAreRefusedWhileSomethingStillDependsAndNameIt(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (_, other) = await SloTestKit.CreateServiceAsync(admin, team);
        var sli = await SloTestKit.CreateSliAsync(admin, service);
        var (slo1, slo2) = (Names.Unique("slo-a"), Names.Unique("slo-b"));
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(slo1, service, sli))).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(slo2, service, sli))).EnsureSuccessStatusCode();

        var serviceRefused = await (await admin.DeleteAsync($"api/v1/services/{service}")).ProblemAsync(HttpStatusCode.Conflict);
        var sliRefused = await (await admin.DeleteAsync($"api/v1/slis/{sli}")).ProblemAsync(HttpStatusCode.Conflict);
        var moveRefused = await (await admin.PutAsJsonAsync($"api/v1/slis/{sli}", new SliRequest { Service = other })).ProblemAsync(HttpStatusCode.Conflict);
        (await admin.DeleteAsync($"api/v1/slos/{slo1}")).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"api/v1/slos/{slo2}")).EnsureSuccessStatusCode();
        var onlySli = await (await admin.DeleteAsync($"api/v1/services/{service}")).ProblemAsync(HttpStatusCode.Conflict);
        var sliDeleted = await admin.DeleteAsync($"api/v1/slis/{sli}");
        var serviceDeleted = await admin.DeleteAsync($"api/v1/services/{service}");

        Assert.Equal([$"'{service}' still has SLI {sli}, SLO {slo1}, SLO {slo2}; delete them first (an SLI's recorded data goes with it)."], serviceRefused["references"]);
        Assert.Equal([$"SLI '{sli}' is judged by SLO {slo1}, SLO {slo2}; delete them or point them at another SLI first."], sliRefused["references"]);
        Assert.StartsWith($"SLI '{sli}' is judged by SLO {slo1}, SLO {slo2} of service '{service}'", moveRefused["service"][0]);
        Assert.Equal([$"'{service}' still has SLI {sli}; delete them first (an SLI's recorded data goes with it)."], onlySli["references"]);
        Assert.Equal(HttpStatusCode.NoContent, sliDeleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, serviceDeleted.StatusCode);
        await (await admin.GetAsync($"api/v1/slos/{slo1}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"api/v1/slis/{sli}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task DeletingAnSliDeletesItsBuckets(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SloTestKit.CreateSliAsync(admin, service);
        var keep = await SloTestKit.CreateSliAsync(admin, service);
        var (sliId, keepId) = app.WithDb(db => (db.Slis.Single(s => s.Name == sli).Id, db.Slis.Single(s => s.Name == keep).Id));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
            for (var minute = 1000L; minute < 1010; minute++)
            {
                db.SliMinutes.Add(new SliMinute { SliId = sliId, Minute = minute, Good = 9, Total = 10 });
                db.SliMinutes.Add(new SliMinute { SliId = keepId, Minute = minute, Good = 9, Total = 10 });
            }
            await db.SaveChangesAsync();
        }

        (await admin.DeleteAsync($"api/v1/slis/{sli}")).EnsureSuccessStatusCode();

        Assert.Equal((0, 10), app.WithDb(db => (db.SliMinutes.Count(m => m.SliId == sliId), db.SliMinutes.Count(m => m.SliId == keepId))));
    }

    [Theory, DatabaseData]
    public async Task AMemberChangesSlisAndSlosOnlyOfTheirTeamsServices(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (mine, myService) = await SloTestKit.CreateServiceAsync(admin);
        var (_, theirService) = await SloTestKit.CreateServiceAsync(admin);
        var theirSli = await SloTestKit.CreateSliAsync(admin, theirService);
        var theirSlo = Names.Unique("their-slo");
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(theirSlo, theirService, theirSli))).EnsureSuccessStatusCode();
        var member = await app.CreateUserAsync(OrgRole.Member, mine);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer, mine);
        using var client = app.Client(member.Token);

        var mySli = await client.PostJsonAsync("api/v1/slis", new SliRequest { Name = Names.Unique("my-sli"), Service = myService });
        var mySliName = (await mySli.ReadAsync<SliResponse>(HttpStatusCode.Created)).Name;
        var mySlo = await client.PostJsonAsync("api/v1/slos", SloTestKit.Slo(Names.Unique("my-slo"), myService, mySliName));
        var foreignSli = await client.PostJsonAsync("api/v1/slis", new SliRequest { Name = Names.Unique("sneaky"), Service = theirService });
        var foreignSlo = await client.PostJsonAsync("api/v1/slos", SloTestKit.Slo(Names.Unique("sneaky"), theirService, theirSli));
        var editSli = await client.PutAsJsonAsync($"api/v1/slis/{theirSli}", new SliRequest { Service = theirService, Description = "mine now" });
        var editSlo = await client.PutAsJsonAsync($"api/v1/slos/{theirSlo}", SloTestKit.Slo(theirSlo, theirService, theirSli) with { Objective = 90 });
        var moveToTheirs = await client.PutAsJsonAsync($"api/v1/slis/{mySliName}", new SliRequest { Service = theirService });
        var deleteSlo = await client.DeleteAsync($"api/v1/slos/{theirSlo}");
        var deleteSli = await client.DeleteAsync($"api/v1/slis/{theirSli}");
        var viewerCreate = await app.Client(viewer.Token).PostJsonAsync("api/v1/slis", new SliRequest { Name = Names.Unique("viewer"), Service = myService });

        Assert.Equal(HttpStatusCode.Created, mySlo.StatusCode);
        await foreignSli.ProblemAsync(HttpStatusCode.Forbidden);
        await foreignSlo.ProblemAsync(HttpStatusCode.Forbidden);
        await editSli.ProblemAsync(HttpStatusCode.Forbidden);
        await editSlo.ProblemAsync(HttpStatusCode.Forbidden);
        await moveToTheirs.ProblemAsync(HttpStatusCode.Forbidden);
        await deleteSlo.ProblemAsync(HttpStatusCode.Forbidden);
        await deleteSli.ProblemAsync(HttpStatusCode.Forbidden);
        await viewerCreate.ProblemAsync(HttpStatusCode.Forbidden);
        var untouched = await (await admin.GetAsync($"api/v1/slos/{theirSlo}")).ReadAsync<SloResponse>(HttpStatusCode.OK);
        Assert.Equal((99.9m, 1), (untouched.Objective, untouched.Revision));
        Assert.Null((await (await admin.GetAsync($"api/v1/slis/{theirSli}")).ReadAsync<SliResponse>(HttpStatusCode.OK)).Description);
    }

    [Theory, DatabaseData]
    public async Task ChangesAreAuditedWithBeforeAndAfterDocuments(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SloTestKit.CreateSliAsync(admin, service);
        var name = Names.Unique("slo");
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(name, service, sli))).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"api/v1/slos/{name}", SloTestKit.Slo(name, service, sli) with { Objective = 99 })).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"api/v1/slos/{name}")).EnsureSuccessStatusCode();

        var records = await (await admin.GetAsync($"api/v1/audit?kind=SLO&name={name}")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal(["slo.delete", "slo.update", "slo.create"], records.Items.Select(r => r.Action));
        var update = records.Items[1];
        static JsonElement Spec(string json) => JsonDocument.Parse(json).RootElement.GetProperty("spec");
        Assert.Equal((99.9m, 99m), (Spec(update.Before!).GetProperty("objective").GetDecimal(), Spec(update.After!).GetProperty("objective").GetDecimal()));
        Assert.Equal(sli, Spec(update.After!).GetProperty("sli").GetString());
        Assert.Null(records.Items[0].After);
        Assert.Equal("api", records.Items[0].Source);
    }
}
