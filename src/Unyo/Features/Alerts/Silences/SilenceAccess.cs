using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Alerts.Matching;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Silences;

// Who may silence what. Admins silence anything, across teams or organisation-wide (no team).
// A member silences only for their own team: the silence belongs to the team, the book applies
// it only to alerts of that team's services (so moving a service to another team takes it out
// from under the silence), and its matchers must say so themselves, with team="<team>" or
// service="<a service of the team>", so that what a member reads is what it does and a regex
// cannot look wider than it acts.
public sealed class SilenceAccess(UnyoDb db, TeamAccess access)
{
    // Null when allowed; otherwise why not (a 403). Unknown teams are left to the write, which names them.
    public async Task<string?> RefusalAsync(ClaimsPrincipal user, bool existed, string? teamBefore, SilenceSpec? after, CancellationToken cancellationToken)
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
                    return "Only admins make, change, expire or delete organisation-wide silences: give your team.";
                }
                continue;
            }
            var teamId = await db.Teams.Where(t => t.Name == team).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (teamId is { } id && !await access.CanChangeAsync(user, id, cancellationToken))
            {
                return $"Only members of team '{team}' (or admins) can make, change, expire or delete its silences.";
            }
        }
        return null;
    }

    // The member's rule on the matchers (a 400 naming `matchers`); admins are not bound by it.
    public async Task CheckScopeAsync(ClaimsPrincipal user, SilenceSpec spec, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (user.IsAdmin() || spec.Team is not { } team)
        {
            return;
        }
        if (spec.Matchers.Any(m => m is { Name: "team", Op: MatchOp.Equal } && m.Value == team))
        {
            return;
        }
        var services = spec.Matchers.Where(m => m is { Name: "service", Op: MatchOp.Equal }).Select(m => m.Value).ToList();
        if (services.Count > 0 && await db.Services.AnyAsync(s => services.Contains(s.Name) && s.Team!.Name == team, cancellationToken))
        {
            return;
        }
        errors.Add("matchers", $"a member's silence must say whose alerts it covers: add team=\"{team}\" or service=\"NAME\" for a service of team '{team}'.");
    }
}
