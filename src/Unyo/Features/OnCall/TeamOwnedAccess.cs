using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall;

// An on-call object (a schedule, an escalation policy) belongs to its team: its members and
// admins change it. Moving one to another team needs the right to change both.
public static class TeamOwnedAccess
{
    // Null when allowed; otherwise why not. Unknown teams are left to the write, which names them.
    // `what` names the objects in the refusal ("schedules and their overrides").
    public static async Task<string?> TeamOwnedRefusalAsync(this TeamAccess access, UnyoDb db, ClaimsPrincipal user, string? teamBefore, string? teamAfter, string what, CancellationToken cancellationToken)
    {
        foreach (var team in new[] { teamBefore, teamAfter }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var teamId = await db.Teams.Where(t => t.Name == team).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (teamId is { } id && !await access.CanChangeAsync(user, id, cancellationToken))
            {
                return $"Only members of team '{team}' (or admins) can change its {what}.";
            }
        }
        return null;
    }
}
