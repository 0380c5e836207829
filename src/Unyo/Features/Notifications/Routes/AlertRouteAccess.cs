using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Routes;

// An organisation route (no team) decides for every team's alerts, so only admins change one.
// A team's route belongs to the team: its members and admins change it.
public sealed class AlertRouteAccess(UnyoDb db, TeamAccess access)
{
    // Null when allowed; otherwise why not. Unknown teams are left to the write, which names them.
    public async Task<string?> RefusalAsync(ClaimsPrincipal user, bool existed, string? teamBefore, AlertRouteSpec? after, CancellationToken cancellationToken)
    {
        var teams = new List<string?>();
        if (existed)
        {
            teams.Add(teamBefore);
        }
        if (after is not null)
        {
            teams.Add(after.Team);
        }
        foreach (var team in teams.Distinct())
        {
            if (team is null)
            {
                if (!user.IsAdmin())
                {
                    return "Only admins make, change or delete organisation routes (routes without a team): give your team.";
                }
                continue;
            }
            var teamId = await db.Teams.Where(t => t.Name == team).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (teamId is { } id && !await access.CanChangeAsync(user, id, cancellationToken))
            {
                return $"Only members of team '{team}' (or admins) can make, change or delete its alert routes.";
            }
        }
        return null;
    }
}
