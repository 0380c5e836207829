using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

public sealed class TeamOwnershipTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AMemberChangesOnlyWhatTheirTeamOwns(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (mine, theirs) = (Names.Unique("mine"), Names.Unique("theirs"));
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = mine })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = theirs })).EnsureSuccessStatusCode();
        var theirService = Names.Unique("their-svc");
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = theirService, Team = theirs })).EnsureSuccessStatusCode();
        var member = await app.CreateUserAsync(OrgRole.Member, mine);
        using var client = app.Client(member.Token);

        var own = await client.PostJsonAsync("api/v1/services", new ServiceRequest { Name = Names.Unique("my-svc"), Team = mine });
        var foreign = await client.PostJsonAsync("api/v1/services", new ServiceRequest { Name = Names.Unique("sneaky"), Team = theirs });
        var edit = await client.PutAsJsonAsync($"api/v1/services/{theirService}", new ServiceRequest { Team = theirs, Tier = 1 });
        var steal = await client.PutAsJsonAsync($"api/v1/services/{theirService}", new ServiceRequest { Team = mine });
        var delete = await client.DeleteAsync($"api/v1/services/{theirService}");
        var newTeam = await client.PostJsonAsync("api/v1/teams", new TeamRequest { Name = Names.Unique("rogue") });
        var describeOwn = await client.PutAsJsonAsync($"api/v1/teams/{mine}", new TeamRequest { Description = "We run checkout." });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        await foreign.ProblemAsync(HttpStatusCode.Forbidden);
        await edit.ProblemAsync(HttpStatusCode.Forbidden);
        await steal.ProblemAsync(HttpStatusCode.Forbidden);
        await delete.ProblemAsync(HttpStatusCode.Forbidden);
        await newTeam.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("We run checkout.", (await describeOwn.ReadAsync<TeamResponse>(HttpStatusCode.OK)).Description);
        var untouched = await (await admin.GetAsync($"api/v1/services/{theirService}")).ReadAsync<ServiceResponse>(HttpStatusCode.OK);
        Assert.Equal((theirs, 3), (untouched.Team, untouched.Tier));
    }

    [Theory, DatabaseData]
    public async Task TeamMembershipIsManagedByEmail(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = Names.Unique("team");
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team, DisplayName = "Search" })).EnsureSuccessStatusCode();
        var user = await app.CreateUserAsync(OrgRole.Member);

        var added = await (await admin.PostJsonAsync($"api/v1/teams/{team}/members", new AddTeamMemberRequest(user.Email.ToUpperInvariant()))).ReadAsync<TeamResponse>(HttpStatusCode.OK);
        var unknown = await (await admin.PostJsonAsync($"api/v1/teams/{team}/members", new AddTeamMemberRequest("nobody@example.test"))).ProblemAsync(HttpStatusCode.BadRequest);
        var me = await (await app.Client(user.Token).GetAsync("api/v1/me")).ReadAsync<UserResponse>(HttpStatusCode.OK);
        var removed = await admin.DeleteAsync($"api/v1/teams/{team}/members/{user.Email}");
        var after = await (await admin.GetAsync($"api/v1/teams/{team}")).ReadAsync<TeamResponse>(HttpStatusCode.OK);

        Assert.Equal([user.Email], added.Members.Select(m => m.Email));
        Assert.Contains("nobody@example.test", unknown["email"][0]);
        Assert.Equal([team], me.Teams);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty(after.Members);
    }

    [Theory, DatabaseData]
    public async Task ATeamThatOwnsServicesCannotBeDeleted(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var team = Names.Unique("team");
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        var service = Names.Unique("svc");
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = service, Team = team })).EnsureSuccessStatusCode();

        await (await admin.DeleteAsync($"api/v1/teams/{team}")).ProblemAsync(HttpStatusCode.Conflict);
        (await admin.DeleteAsync($"api/v1/services/{service}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/v1/teams/{team}")).StatusCode);
    }
}
