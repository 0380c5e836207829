using System.Net;
using System.Net.Http.Json;
using System.Text;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Catalog;

public sealed class ServiceApiTests(Servers servers)
{
    private static async Task<string> CreateTeamAsync(HttpClient admin)
    {
        var name = Names.Unique("team");
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = name })).EnsureSuccessStatusCode();
        return name;
    }

    [Theory, DatabaseData]
    public async Task CreateThenGetReturnsEveryFieldWithETag(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await CreateTeamAsync(admin);
        var dependency = Names.Unique("db");
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = dependency, Team = team })).EnsureSuccessStatusCode();
        var name = Names.Unique("checkout");

        var created = await admin.PostJsonAsync("api/v1/services", new ServiceRequest
        {
            Name = name,
            DisplayName = "Checkout",
            Team = team,
            Tier = 1,
            Lifecycle = "experimental",
            Description = "Takes the money.",
            RunbookUrl = "https://runbooks.example/checkout",
            RepositoryUrl = "https://git.example/checkout",
            Tags = ["web", "payments"],
            Links = [new ServiceLink("Dashboard", "https://grafana.example/d/checkout")],
            DependsOn = [dependency],
        });

        var body = await created.ReadAsync<ServiceResponse>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/services/{name}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var fetched = await admin.GetAsync($"api/v1/services/{name}");
        var service = await fetched.ReadAsync<ServiceResponse>(HttpStatusCode.OK);
        Assert.Equal("\"1\"", fetched.Headers.ETag?.Tag);
        HttpAssertions.SameJson(body, service);
        Assert.Equal(("Checkout", team, 1, "experimental"), (service.DisplayName, service.Team, service.Tier, service.Lifecycle));
        Assert.Equal(["payments", "web"], service.Tags);
        Assert.Equal([dependency], service.DependsOn);
        Assert.Equal("api", service.ManagedBy);
        Assert.Equal(TimeSpan.Zero, service.CreatedAt.Offset);
        var target = await (await admin.GetAsync($"api/v1/services/{dependency}")).ReadAsync<ServiceResponse>(HttpStatusCode.OK);
        Assert.Equal([name], target.Dependents);
    }

    [Theory, DatabaseData]
    public async Task ListFiltersByTeamTierAndTagAndPagesWithCursor(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await CreateTeamAsync(admin);
        var tag = Names.Unique("tag");
        for (var i = 0; i < 5; i++)
        {
            (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = $"{team}-s{i}", Team = team, Tier = i % 2 == 0 ? 1 : 2, Tags = i < 3 ? [tag] : [] })).EnsureSuccessStatusCode();
        }

        var first = await (await admin.GetAsync($"api/v1/services?team={team}&limit=2")).ReadAsync<Page<ServiceResponse>>(HttpStatusCode.OK);
        var second = await (await admin.GetAsync($"api/v1/services?team={team}&limit=2&cursor={first.NextCursor}")).ReadAsync<Page<ServiceResponse>>(HttpStatusCode.OK);
        var third = await (await admin.GetAsync($"api/v1/services?team={team}&limit=2&cursor={second.NextCursor}")).ReadAsync<Page<ServiceResponse>>(HttpStatusCode.OK);
        var tierOne = await (await admin.GetAsync($"api/v1/services?team={team}&tier=1")).ReadAsync<Page<ServiceResponse>>(HttpStatusCode.OK);
        var tagged = await (await admin.GetAsync($"api/v1/services?tag={tag}")).ReadAsync<Page<ServiceResponse>>(HttpStatusCode.OK);

        Assert.Equal([$"{team}-s0", $"{team}-s1"], first.Items.Select(s => s.Name));
        Assert.Equal([$"{team}-s2", $"{team}-s3"], second.Items.Select(s => s.Name));
        Assert.Equal([$"{team}-s4"], third.Items.Select(s => s.Name));
        Assert.Null(third.NextCursor);
        Assert.Equal([$"{team}-s0", $"{team}-s2", $"{team}-s4"], tierOne.Items.Select(s => s.Name));
        Assert.Equal([$"{team}-s0", $"{team}-s1", $"{team}-s2"], tagged.Items.Select(s => s.Name));
    }

    [Theory, DatabaseData]
    public async Task BadListParametersNameTheField(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();

        var badTier = await (await admin.GetAsync("api/v1/services?tier=9")).ProblemAsync(HttpStatusCode.BadRequest);
        var notNumber = await (await admin.GetAsync("api/v1/services?limit=many")).ProblemAsync(HttpStatusCode.BadRequest);
        var badCursor = await (await admin.GetAsync("api/v1/services?cursor=!!!")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("tier", badTier.Keys);
        Assert.Contains("limit", notNumber.Keys);
        Assert.Contains("cursor", badCursor.Keys);
    }

    [Theory, DatabaseData]
    public async Task UpdateWithStaleETagIsRefusedAndChangesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await CreateTeamAsync(admin);
        var name = Names.Unique("svc");
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = name, Team = team, Tier = 3 })).EnsureSuccessStatusCode();

        var first = new HttpRequestMessage(HttpMethod.Put, $"api/v1/services/{name}") { Content = JsonContent.Create(new ServiceRequest { Team = team, Tier = 2 }) };
        first.Headers.IfMatch.ParseAdd("\"1\"");
        var updated = await (await admin.SendAsync(first)).ReadAsync<ServiceResponse>(HttpStatusCode.OK);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"api/v1/services/{name}") { Content = JsonContent.Create(new ServiceRequest { Team = team, Tier = 4 }) };
        stale.Headers.IfMatch.ParseAdd("\"1\"");
        var refused = await admin.SendAsync(stale);

        Assert.Equal((2, 2), (updated.Tier, updated.Revision));
        await refused.ProblemAsync(HttpStatusCode.PreconditionFailed);
        var current = await (await admin.GetAsync($"api/v1/services/{name}")).ReadAsync<ServiceResponse>(HttpStatusCode.OK);
        Assert.Equal(2, current.Tier);
    }

    [Theory, DatabaseData]
    public async Task InvalidFieldsAreAllReportedAndNothingIsWritten(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var name = Names.Unique("svc");

        var errors = await (await admin.PostJsonAsync("api/v1/services", new ServiceRequest
        {
            Name = name,
            Team = "Not A Slug",
            Tier = 7,
            Lifecycle = "retired",
            RunbookUrl = "ftp://nope",
            Links = [new ServiceLink("", "not a url")],
        })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["lifecycle", "links[0].title", "links[0].url", "runbookUrl", "team", "tier"], errors.Keys.Order());
        await (await admin.GetAsync($"api/v1/services/{name}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task UnknownTeamUnknownDependencyAndDuplicatesAreRefused(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await CreateTeamAsync(admin);
        var name = Names.Unique("svc");

        var unknownTeam = await (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = name, Team = Names.Unique("ghost") })).ProblemAsync(HttpStatusCode.BadRequest);
        var unknownDependency = await (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = name, Team = team, DependsOn = ["ghost-service"] })).ProblemAsync(HttpStatusCode.BadRequest);
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = name, Team = team })).EnsureSuccessStatusCode();
        var duplicate = await (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = name, Team = team })).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("does not exist", unknownTeam["team"][0]);
        Assert.Contains("ghost-service", unknownDependency["dependsOn[0]"][0]);
        Assert.Contains("already exists", duplicate["name"][0]);
    }

    [Theory, DatabaseData]
    public async Task DependencyCycleIsRefused(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await CreateTeamAsync(admin);
        var (a, b, c) = (Names.Unique("a"), Names.Unique("b"), Names.Unique("c"));
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = a, Team = team })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = b, Team = team, DependsOn = [a] })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = c, Team = team, DependsOn = [b] })).EnsureSuccessStatusCode();

        var errors = await (await admin.PutAsJsonAsync($"api/v1/services/{a}", new ServiceRequest { Team = team, DependsOn = [c] })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("cycle", errors["dependsOn"][0]);
        Assert.Contains($"{a} → {c} → {b} → {a}", errors["dependsOn"][0]);
        var unchanged = await (await admin.GetAsync($"api/v1/services/{a}")).ReadAsync<ServiceResponse>(HttpStatusCode.OK);
        Assert.Empty(unchanged.DependsOn);
    }

    [Theory, DatabaseData]
    public async Task DeleteIsRefusedWhileOthersDependOnIt(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await CreateTeamAsync(admin);
        var (db, api) = (Names.Unique("db"), Names.Unique("api"));
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = db, Team = team })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = api, Team = team, DependsOn = [db] })).EnsureSuccessStatusCode();

        var refused = await (await admin.DeleteAsync($"api/v1/services/{db}")).ProblemAsync(HttpStatusCode.Conflict);
        var deletedDependent = await admin.DeleteAsync($"api/v1/services/{api}");
        var deleted = await admin.DeleteAsync($"api/v1/services/{db}");

        Assert.Contains(api, refused["dependents"][0]);
        Assert.Equal(HttpStatusCode.NoContent, deletedDependent.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await admin.GetAsync($"api/v1/services/{db}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task MalformedUnknownAndOversizedBodiesGetProblemsNot500(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await CreateTeamAsync(admin);

        var malformed = await (await admin.PostAsync("api/v1/services", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
        var unknown = await (await admin.PostAsync("api/v1/services", new StringContent($"{{\"name\":\"x1\",\"team\":\"{team}\",\"owner\":\"bob\"}}", Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
        var wrongType = await (await admin.PostAsync("api/v1/services", new StringContent($"{{\"name\":\"x1\",\"team\":\"{team}\",\"tier\":\"one\"}}", Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
        var empty = await (await admin.PostAsync("api/v1/services", new StringContent("", Encoding.UTF8, "application/json"))).ProblemAsync(HttpStatusCode.BadRequest);
        var huge = new StringContent($"{{\"name\":\"x1\",\"team\":\"{team}\",\"description\":\"{new string('a', 5 * 1024 * 1024)}\"}}", Encoding.UTF8, "application/json");
        // Expect: 100-continue lets the server refuse before the client sends 5 MiB into a closed socket.
        var oversized = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/v1/services") { Content = huge, Headers = { ExpectContinue = true } });

        Assert.NotEmpty(malformed);
        Assert.Equal(["is not a known field."], unknown["owner"]);
        Assert.Equal(["has the wrong type: expected a number."], wrongType["tier"]);
        Assert.Contains("body", empty.Keys);
        await oversized.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await (await admin.GetAsync("api/v1/services/x1")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task IdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await CreateTeamAsync(admin);
        var key = Guid.NewGuid().ToString();
        var name = Names.Unique("svc");
        HttpRequestMessage Request(string svc) => new(HttpMethod.Post, "api/v1/services")
        {
            Content = JsonContent.Create(new ServiceRequest { Name = svc, Team = team }),
            Headers = { { "Idempotency-Key", key } },
        };

        var first = await admin.SendAsync(Request(name));
        var replay = await admin.SendAsync(Request(name));
        var other = await admin.SendAsync(Request(Names.Unique("other")));

        var created = await first.ReadAsync<ServiceResponse>(HttpStatusCode.Created);
        var replayed = await replay.ReadAsync<ServiceResponse>(HttpStatusCode.Created);
        HttpAssertions.SameJson(created, replayed);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        await other.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var page = await (await admin.GetAsync($"api/v1/services?team={team}")).ReadAsync<Page<ServiceResponse>>(HttpStatusCode.OK);
        Assert.Single(page.Items);
    }

    [Theory, DatabaseData]
    public async Task AFailedRequestDoesNotBurnItsIdempotencyKey(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = await CreateTeamAsync(admin);
        var key = Guid.NewGuid().ToString();
        var name = Names.Unique("svc");
        HttpRequestMessage Request(int tier) => new(HttpMethod.Post, "api/v1/services")
        {
            Content = JsonContent.Create(new ServiceRequest { Name = name, Team = team, Tier = tier }),
            Headers = { { "Idempotency-Key", key } },
        };

        var refused = await admin.SendAsync(Request(9));
        var corrected = await admin.SendAsync(Request(2));

        await refused.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(2, (await corrected.ReadAsync<ServiceResponse>(HttpStatusCode.Created)).Tier);
    }
}
