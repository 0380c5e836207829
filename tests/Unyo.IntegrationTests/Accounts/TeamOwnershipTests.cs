using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Accounts;

public sealed class TeamOwnershipTests(Servers servers)
{
    // Which member may change what (own team or another) is walked for every endpoint by
    // RoleMatrixTests; moving a service involves two teams, which the matrix does not.
    [Theory, DatabaseData]
    public async Task AServiceMovesOnlyBetweenTeamsTheMemberIsInAndARefusalChangesNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (mine, theirs) = (Names.Unique("mine"), Names.Unique("theirs"));
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = mine })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/teams", new TeamRequest { Name = theirs })).EnsureSuccessStatusCode();
        var (myService, theirService) = (Names.Unique("my-svc"), Names.Unique("their-svc"));
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = myService, Team = mine })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = theirService, Team = theirs })).EnsureSuccessStatusCode();
        using var member = app.Client((await app.CreateUserAsync(OrgRole.Member, mine)).Token);
        using var inBoth = app.Client((await app.CreateUserAsync(OrgRole.Member, mine, theirs)).Token);

        var steal = await member.PutAsJsonAsync($"api/v1/services/{theirService}", new ServiceRequest { Team = mine, Tier = 1 });
        var giveAway = await member.PutAsJsonAsync($"api/v1/services/{myService}", new ServiceRequest { Team = theirs, Tier = 1 });
        var move = await inBoth.PutAsJsonAsync($"api/v1/services/{myService}", new ServiceRequest { Team = theirs });

        await steal.ProblemAsync(HttpStatusCode.Forbidden);
        await giveAway.ProblemAsync(HttpStatusCode.Forbidden);
        var untouched = await (await admin.GetAsync($"api/v1/services/{theirService}")).ReadAsync<ServiceResponse>(HttpStatusCode.OK);
        Assert.Equal((theirs, 3), (untouched.Team, untouched.Tier));
        Assert.Equal(theirs, (await move.ReadAsync<ServiceResponse>(HttpStatusCode.OK)).Team);
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
