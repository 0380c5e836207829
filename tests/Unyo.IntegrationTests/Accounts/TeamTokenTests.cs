using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

/// Team tokens: a team's service account. Who manages them, what they may do, and what happens
/// when people or the team go. The endpoint × role matrix (RoleMatrixTests) walks every endpoint
/// with one as well.
public sealed class TeamTokenTests(Servers servers)
{
    private static async Task<CreatedTokenResponse> CreateAsync(HttpClient client, string team, string name, string scope = "write") =>
        await (await client.PostJsonAsync($"api/v1/teams/{team}/tokens", new CreateTokenRequest { Name = name, Scope = scope }))
            .ReadAsync<CreatedTokenResponse>(HttpStatusCode.Created);

    private static async Task<string> TeamAsync(UnyoApp app)
    {
        var team = Names.Unique("team");
        (await app.Admin().PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        return team;
    }

    [Theory, DatabaseData]
    public async Task AdminsAndTheTeamsMembersManageItsTokensAndNobodyElse(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (team, other) = (await TeamAsync(app), await TeamAsync(app));
        var member = await app.CreateUserAsync(OrgRole.Member, team);
        var viewerInTeam = await app.CreateUserAsync(OrgRole.Viewer, team);
        var otherMember = await app.CreateUserAsync(OrgRole.Member, other);
        var admin = await app.CreateUserAsync(OrgRole.Admin);
        var request = new CreateTokenRequest { Name = "ci" };

        var byMember = await CreateAsync(app.Client(member.Token), team, "ci");
        var byAdmin = await CreateAsync(app.Client(admin.Token), team, "nightly", "read");
        var byViewer = await app.Client(viewerInTeam.Token).PostJsonAsync($"api/v1/teams/{team}/tokens", request);
        var byOtherMember = await app.Client(otherMember.Token).PostJsonAsync($"api/v1/teams/{team}/tokens", request);
        var listedByOther = await app.Client(otherMember.Token).GetAsync($"api/v1/teams/{team}/tokens");
        var revokedByOther = await app.Client(otherMember.Token).DeleteAsync($"api/v1/teams/{team}/tokens/{byMember.Id}");
        var rotatedThroughOtherTeam = await app.Client(otherMember.Token).PostAsync($"api/v1/teams/{other}/tokens/{byMember.Id}/rotate", null);
        var adminScope = await app.Client(member.Token).PostJsonAsync($"api/v1/teams/{team}/tokens", new CreateTokenRequest { Name = "root", Scope = "admin" });
        var listed = await (await app.Client(member.Token).GetAsync($"api/v1/teams/{team}/tokens")).ReadAsync<List<TokenResponse>>(HttpStatusCode.OK);
        var personal = await (await app.Client(member.Token).GetAsync("api/v1/tokens")).ReadAsync<List<TokenResponse>>(HttpStatusCode.OK);

        await byViewer.ProblemAsync(HttpStatusCode.Forbidden);
        await listedByOther.ProblemAsync(HttpStatusCode.Forbidden);
        await revokedByOther.ProblemAsync(HttpStatusCode.Forbidden);
        await rotatedThroughOtherTeam.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains($"members of team '{team}'", await ProblemDetailAsync(byOtherMember, HttpStatusCode.Forbidden));
        Assert.Contains("never admin", (await adminScope.ProblemAsync(HttpStatusCode.BadRequest))["scope"][0]);
        Assert.Equal([("ci", "write"), ("nightly", "read")], listed.Select(t => (t.Name, t.Scope)));
        Assert.Equal(["test"], personal.Select(t => t.Name));
        Assert.NotEqual(byMember.Token, byAdmin.Token);
    }

    [Theory, DatabaseData]
    public async Task ATeamTokenDoesWhatAMemberOfItsTeamMayDoAndNoMore(string provider)
    {
        var app = await servers.GetAsync(provider);
        var (team, other) = (await TeamAsync(app), await TeamAsync(app));
        var theirService = Names.Unique("their-svc");
        (await app.Admin().PostJsonAsync("api/v1/services", new ServiceRequest { Name = theirService, Team = other })).EnsureSuccessStatusCode();
        var created = await CreateAsync(app.Admin(), team, "deployer");
        using var token = app.Client(created.Token);
        var service = Names.Unique("svc");

        var own = await token.PostJsonAsync("api/v1/services", new ServiceRequest { Name = service, Team = team });
        var foreign = await token.PostJsonAsync("api/v1/services", new ServiceRequest { Name = Names.Unique("sneaky"), Team = other });
        var foreignDelete = await token.DeleteAsync($"api/v1/services/{theirService}");
        var read = await token.GetAsync($"api/v1/services/{theirService}");
        var describeTeam = await token.PutAsJsonAsync($"api/v1/teams/{team}", new TeamRequest { Description = "Deploys by robot." });
        var newTeam = await token.PostJsonAsync("api/v1/teams", new TeamRequest { Name = Names.Unique("rogue") });
        var audit = await token.GetAsync("api/v1/audit");
        var mint = await token.PostJsonAsync($"api/v1/teams/{team}/tokens", new CreateTokenRequest { Name = "child" });
        var me = await token.GetAsync("api/v1/me");
        var mfa = await token.GetAsync("api/v1/me/mfa");
        var ownTokens = await token.GetAsync("api/v1/tokens");

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Contains($"team '{other}'", await ProblemDetailAsync(foreign, HttpStatusCode.Forbidden));
        await foreignDelete.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Deploys by robot.", (await describeTeam.ReadAsync<TeamResponse>(HttpStatusCode.OK)).Description);
        await newTeam.ProblemAsync(HttpStatusCode.Forbidden);
        await audit.ProblemAsync(HttpStatusCode.Forbidden);
        await mint.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains($"/api/v1/teams/{team}", await ProblemDetailAsync(me, HttpStatusCode.Forbidden));
        Assert.Contains($"token of team '{team}'", await ProblemDetailAsync(mfa, HttpStatusCode.Forbidden));
        await ownTokens.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, DatabaseData]
    public async Task WhatATeamTokenDoesIsAuditedAsTheTeamWithTheToken(string provider)
    {
        var app = await servers.GetAsync(provider);
        var team = await TeamAsync(app);
        var created = await CreateAsync(app.Admin(), team, "auditor");
        var service = Names.Unique("svc");

        (await app.Client(created.Token).PostJsonAsync("api/v1/services", new ServiceRequest { Name = service, Team = team })).EnsureSuccessStatusCode();

        var records = await (await app.Admin().GetAsync($"api/v1/audit?actor=team:{team}")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);
        var record = Assert.Single(records.Items);
        Assert.Equal(("service.create", service, $"team:{team}", $"token:{created.Id}"), (record.Action, record.ObjectName, record.ActorEmail, record.Credential));
        var creation = (await (await app.Admin().GetAsync("api/v1/audit?kind=ApiToken&name=auditor&action=token.create")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK))
            .Items.Single(r => r.After!.Contains(created.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains($"\"team\":\"{team}\"", creation.After!, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task RotationAndRevocationStopTheOldSecretAtOnceAndLastUseIsShown(string provider)
    {
        var app = await servers.GetAsync(provider);
        var team = await TeamAsync(app);
        var member = await app.CreateUserAsync(OrgRole.Member, team);
        using var client = app.Client(member.Token);
        var created = await CreateAsync(client, team, "rotating", "read");
        (await app.Client(created.Token).GetAsync("api/v1/services")).EnsureSuccessStatusCode();

        var rotated = await (await client.PostAsync($"api/v1/teams/{team}/tokens/{created.Id}/rotate", null)).ReadAsync<CreatedTokenResponse>(HttpStatusCode.OK);
        var oldSecret = await app.Client(created.Token).GetAsync("api/v1/services");
        var newSecret = await app.Client(rotated.Token).GetAsync("api/v1/services");
        var listed = (await (await client.GetAsync($"api/v1/teams/{team}/tokens")).ReadAsync<List<TokenResponse>>(HttpStatusCode.OK)).Single();
        var revoked = await client.DeleteAsync($"api/v1/teams/{team}/tokens/{created.Id}");
        var afterRevoke = await app.Client(rotated.Token).GetAsync("api/v1/services");

        Assert.Equal((created.Id, created.ExpiresAt, "read"), (rotated.Id, rotated.ExpiresAt, rotated.Scope));
        Assert.Equal(HttpStatusCode.Unauthorized, oldSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newSecret.StatusCode);
        Assert.Equal(("read", "127.0.0.1"), (listed.Scope, listed.LastUsedFrom));
        Assert.NotNull(listed.LastUsedAt);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task ATeamTokenOutlivesThePersonWhoMadeItButNotItsTeam(string provider)
    {
        var app = await servers.GetAsync(provider);
        var team = await TeamAsync(app);
        var member = await app.CreateUserAsync(OrgRole.Member, team);
        var created = await CreateAsync(app.Client(member.Token), team, "survivor");
        using var token = app.Client(created.Token);

        (await app.Admin().DeleteAsync($"api/v1/users/{member.Id}")).EnsureSuccessStatusCode();
        var afterPersonLeft = await token.GetAsync("api/v1/services");
        (await app.Admin().DeleteAsync($"api/v1/teams/{team}")).EnsureSuccessStatusCode();
        var afterTeamDeleted = await token.GetAsync("api/v1/services");

        Assert.Equal(HttpStatusCode.OK, afterPersonLeft.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterTeamDeleted.StatusCode);
        Assert.False(app.WithDb(db => db.ApiTokens.Any(t => t.Id == created.Id)));
        var revocation = await (await app.Admin().GetAsync("api/v1/audit?kind=ApiToken&name=survivor&action=token.revoke")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);
        Assert.Contains(revocation.Items, r => r.Before!.Contains(created.Id.ToString(), StringComparison.Ordinal) && r.Source == "api");
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.ProblemAsync(expected);
        return await response.Content.ReadAsStringAsync();
    }
}
