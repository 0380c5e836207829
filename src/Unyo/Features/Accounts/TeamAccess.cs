using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// Owners and admins change anything; a member changes only what their teams own, and a team's
// token only what its team owns.
public sealed class TeamAccess(UnyoDb db)
{
    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, Guid teamId, CancellationToken cancellationToken) =>
        user.IsAdmin()
        || (user.TeamId() is { } tokenTeam ? tokenTeam == teamId : user.IsInRole("member") && await IsMemberAsync(user.UserId(), teamId, cancellationToken));

    public Task<bool> IsMemberAsync(Guid userId, Guid teamId, CancellationToken cancellationToken) =>
        db.TeamMemberships.AnyAsync(m => m.TeamId == teamId && m.UserId == userId, cancellationToken);

    public async Task<HashSet<Guid>> TeamsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        (await db.TeamMemberships.Where(m => m.UserId == userId).Select(m => m.TeamId).ToListAsync(cancellationToken)).ToHashSet();
}
