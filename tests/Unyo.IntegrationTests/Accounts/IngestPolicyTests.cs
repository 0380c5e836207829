using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Hosting;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

/// No feature takes data in yet (SLI events and alerts will), so the ingest policy is proven on
/// an endpoint that only this test server maps. That ingest tokens are refused everywhere else
/// is checked for every operation by RoleMatrixTests.
public sealed class IngestPolicyTests(Servers servers)
{
    private const string IngestPath = "api/v1/test-only/ingest";

    private static Task<UnyoApp> ServerAsync(Servers servers, string provider) =>
        servers.GetIsolatedAsync(provider, "ingest", testOnlyEndpoints: endpoints =>
            endpoints.MapPost("/" + IngestPath, () => TypedResults.Accepted((string?)null)).RequireAuthorization(Policies.Ingest));

    [Theory, DatabaseData]
    public async Task IngestTokensOfPeopleAndTeamsPassTheIngestPolicyAndNothingElse(string provider)
    {
        var app = await ServerAsync(servers, provider);
        var team = Names.Unique("team");
        (await app.Admin().PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        var member = await app.CreateUserAsync(OrgRole.Member, team);
        using var owner = app.Client(member.Token);
        var personal = await (await owner.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = "collector", Scope = "ingest" })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);
        var ofTeam = await (await owner.PostJsonAsync($"api/v1/teams/{team}/tokens", new CreateTokenRequest { Name = "collector", Scope = "ingest" })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);

        foreach (var secret in new[] { personal.Token, ofTeam.Token })
        {
            using var ingest = app.Client(secret);
            Assert.Equal(HttpStatusCode.Accepted, (await ingest.PostAsync(IngestPath, null)).StatusCode);
            var read = await ingest.GetAsync("api/v1/services");
            await read.ProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("ingest token", await read.Content.ReadAsStringAsync());
        }
    }

    [Theory, DatabaseData]
    public async Task TheIngestPolicyTakesWriteTokensAndSessionsButNotReadTokensViewersOrStrangers(string provider)
    {
        var app = await ServerAsync(servers, provider);
        var member = await app.CreateUserAsync(OrgRole.Member);
        var viewer = await app.CreateUserAsync(OrgRole.Viewer);
        using var owner = app.Client(member.Token);
        async Task<string> TokenAsync(HttpClient client, string scope) =>
            (await (await client.PostJsonAsync("api/v1/tokens", new CreateTokenRequest { Name = scope, Scope = scope })).ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created)).Token;

        var write = await app.Client(await TokenAsync(owner, "write")).PostAsync(IngestPath, null);
        var read = await app.Client(await TokenAsync(owner, "read")).PostAsync(IngestPath, null);
        var viewersIngest = await app.Client(await TokenAsync(app.Client(viewer.Token), "ingest")).PostAsync(IngestPath, null);
        var stranger = await app.Client().PostAsync(IngestPath, null);
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);
        var session = await browser.Http.PostAsync(IngestPath, null);

        Assert.Equal(HttpStatusCode.Accepted, write.StatusCode);
        await read.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("scope 'read'", await read.Content.ReadAsStringAsync());
        await viewersIngest.ProblemAsync(HttpStatusCode.Forbidden);
        await stranger.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(browser.HasSession);
        Assert.Equal(HttpStatusCode.Accepted, session.StatusCode);
    }
}
