using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// A channel belongs to its team: its members and admins change it, move it or send tests to it.
public sealed class ChannelAccess(UnyoDb db, TeamAccess access)
{
    // Null when allowed; otherwise why not. Unknown teams are left to the write, which names them.
    public async Task<string?> RefusalAsync(ClaimsPrincipal user, string? teamBefore, string? teamAfter, CancellationToken cancellationToken)
    {
        foreach (var team in new[] { teamBefore, teamAfter }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var teamId = await db.Teams.Where(t => t.Name == team).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (teamId is { } id && !await access.CanChangeAsync(user, id, cancellationToken))
            {
                return $"Only members of team '{team}' (or admins) can create, change, test or delete its notification channels.";
            }
        }
        return null;
    }

    // For YAML: a team created by this same apply has no members yet, so only admins may fill it.
    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, string? teamBefore, string? teamAfter, CancellationToken cancellationToken)
    {
        foreach (var team in new[] { teamBefore, teamAfter }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var teamId = await db.Teams.Where(t => t.Name == team).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (teamId is null ? !user.IsAdmin() : !await access.CanChangeAsync(user, teamId.Value, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }
}
