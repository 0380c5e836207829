using System.Net;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

public sealed class TokenScopeTests(Servers servers)
{
    private static async Task<string> TokenAsync(HttpClient owner, string scope) =>
        (await (await owner.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = $"scoped-{scope}", Scope = scope }))
            .ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created)).Token;

    [Theory, DatabaseData]
    public async Task ATokenDoesNoMoreThanItsScopeAndNoMoreThanItsOwnersRole(string provider)
    {
        var app = await servers.GetAsync(provider);
        var admin = await app.CreateUserAsync(OrgRole.Admin);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        using var adminClient = app.Client(admin.Token);
        var team = Names.Unique("team");
        (await adminClient.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        using var read = app.Client(await TokenAsync(adminClient, "read"));
        using var write = app.Client(await TokenAsync(adminClient, "write"));
        using var ingest = app.Client(await TokenAsync(adminClient, "ingest"));
        using var viewerAdmin = app.Client(await TokenAsync(app.Client(viewer.Token), "admin"));

        Assert.Equal(HttpStatusCode.OK, (await read.GetAsync("api/v1/services")).StatusCode);
        await (await read.PostJsonAsync("api/v1/services", new ServiceRequest { Name = Names.Unique("svc"), Team = team })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await write.PostJsonAsync("api/v1/services", new ServiceRequest { Name = Names.Unique("svc"), Team = team })).StatusCode);
        await (await write.PostJsonAsync("api/v1/teams", new TeamRequest { Name = Names.Unique("team") })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await write.GetAsync("api/v1/audit")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await ingest.GetAsync("api/v1/services")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await viewerAdmin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = Names.Unique("team") })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await viewerAdmin.GetAsync("api/v1/services")).StatusCode);
        await (await read.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "escalate", Scope = "admin" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await write.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "escalate", Scope = "admin" })).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, DatabaseData]
    public async Task RotationReplacesTheSecretAndKeepsEverythingElse(string provider)
    {
        var app = await servers.GetAsync(provider);
        var member = await app.CreateUserAsync(OrgRole.Member);
        using var client = app.Client(member.Token);
        var created = await (await client.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "rotating", Scope = "read", ExpiresInDays = 30 }))
            .ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);
        (await app.Client(created.Token).GetAsync("api/v1/me")).EnsureSuccessStatusCode();

        var rotated = await (await client.PostAsync($"api/v1/tokens/{created.Id}/rotate", null)).ReadAsync<CreatedTokenResponse>(HttpStatusCode.OK);
        var listed = (await (await client.GetAsync("api/v1/tokens")).ReadAsync<List<TokenResponse>>(HttpStatusCode.OK)).Single(t => t.Id == created.Id);
        var unknown = await client.PostAsync($"api/v1/tokens/{Guid.NewGuid()}/rotate", null);
        var invalid = await (await client.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "x", Scope = "root" })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEqual(created.Token, rotated.Token);
        Assert.Equal((created.Id, created.ExpiresAt, "read"), (rotated.Id, rotated.ExpiresAt, rotated.Scope));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client(created.Token).GetAsync("api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(rotated.Token).GetAsync("api/v1/me")).StatusCode);
        Assert.Equal(("read", "127.0.0.1"), (listed.Scope, listed.LastUsedFrom));
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("scope", invalid.Keys);
    }

    // The pages take bearer tokens too: the Account page must not be a way round the rule that
    // only sessions and admin-scope tokens make tokens.
    [Theory, DatabaseData]
    public async Task AReadTokenCannotMakeTokensThroughTheAccountPage(string provider)
    {
        var app = await servers.GetAsync(provider);
        var member = await app.CreateUserAsync(OrgRole.Member);
        var read = await TokenAsync(app.Client(member.Token), "read");
        using var browser = new FormClient(app);
        browser.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", read);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("account")).StatusCode);
        var posted = await browser.PostAsync("account", "new-token", ("TokenName", "minted"), ("TokenScopeName", "admin"), ("TokenDays", "30"));

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.False(app.WithDb(db => db.ApiTokens.Any(t => t.UserId == member.Id && t.Name == "minted")));
    }
}
