using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Escalation;

// A policy belongs to its team: its members and admins change it. Moving it needs both teams.
public static class EscalationPolicyAccess
{
    // Null when allowed; otherwise why not. Unknown teams are left to the write, which names them.
    public static async Task<string?> PolicyRefusalAsync(this TeamAccess access, UnyoDb db, ClaimsPrincipal user, string? teamBefore, string? teamAfter, CancellationToken cancellationToken)
    {
        foreach (var team in new[] { teamBefore, teamAfter }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var teamId = await db.Teams.Where(t => t.Name == team).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (teamId is { } id && !await access.CanChangeAsync(user, id, cancellationToken))
            {
                return $"Only members of team '{team}' (or admins) can change its escalation policies.";
            }
        }
        return null;
    }
}
