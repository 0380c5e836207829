using System.Globalization;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.OnCall;

/// A team with people to put on call, and the requests the schedule tests share.
public static class ScheduleKit
{
    public static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static async Task<(string Team, string[] People, string MemberToken)> TeamAsync(UnyoApp app, int people = 2)
    {
        var team = Names.Unique("oncall");
        (await app.Admin().PostJsonAsync("api/v1/teams", new TeamRequest { Name = team })).EnsureSuccessStatusCode();
        var created = new List<(Guid Id, string Email, string Token)>();
        for (var i = 0; i < people; i++)
        {
            created.Add(await app.CreateUserAsync(OrgRole.Member, team));
        }
        return (team, [.. created.Select(c => c.Email)], created[0].Token);
    }

    public static ScheduleRequest Weekly(string name, string team, string zone, string start, params string[] users) => new()
    {
        Name = name,
        Team = team,
        TimeZone = zone,
        Layers = [new() { Name = "primary", Users = users, Turn = "weekly", Start = start }],
    };
}
