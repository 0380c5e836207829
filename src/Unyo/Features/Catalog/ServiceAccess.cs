using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.Catalog;

// What hangs off a service (SLIs, SLOs, …) is changed by whoever may change the service: its
// team's members and admins.
public static class ServiceAccess
{
    // Null when there is no such service: the write that follows says so with a field error.
    public static async Task<(bool Allowed, string Team)?> ForServiceAsync(this TeamAccess access, UnyoDb db, ClaimsPrincipal user, string service, CancellationToken cancellationToken)
    {
        var owner = await db.Services.Where(s => s.Name == service).Select(s => new { s.TeamId, Team = s.Team!.Name }).SingleOrDefaultAsync(cancellationToken);
        return owner is null ? null : (await access.CanChangeAsync(user, owner.TeamId, cancellationToken), owner.Team);
    }

    // For YAML kinds that hang off services: whether the user may change what hangs off each of
    // them. A service that is not stored yet is created by the same apply (the final state holds
    // it), and creating it is authorised against its team.
    public static async Task<bool> CanChangeServicesAsync(this TeamAccess access, UnyoDb db, ClaimsPrincipal user, IEnumerable<string> services, CancellationToken cancellationToken)
    {
        foreach (var service in services.Distinct())
        {
            if (await access.ForServiceAsync(db, user, service, cancellationToken) is { Allowed: false })
            {
                return false;
            }
        }
        return true;
    }
}
