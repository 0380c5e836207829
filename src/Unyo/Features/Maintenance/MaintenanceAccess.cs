using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;

namespace Unyo.Features.Maintenance;

// A window belongs to its team: its members and admins change it. Putting a service under
// maintenance also holds back that service's alerts and can take minutes out of its SLOs, so a
// service is added to a window only by whoever may change the service; a window keeps the
// services it already had when its own team edits the rest.
public static class MaintenanceAccess
{
    // Null when allowed; otherwise why not. Unknown teams and services are left to the write, which names them.
    public static async Task<string?> RefusalAsync(
        this TeamAccess access, UnyoDb db, ClaimsPrincipal user, string? teamBefore, IReadOnlyCollection<string> servicesBefore, MaintenanceWindowSpec? after, CancellationToken cancellationToken)
    {
        foreach (var team in new[] { teamBefore, after?.Team }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var teamId = await db.Teams.Where(t => t.Name == team).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (teamId is { } id && !await access.CanChangeAsync(user, id, cancellationToken))
            {
                return $"Only members of team '{team}' (or admins) can create, change, end or delete its maintenance windows.";
            }
        }
        foreach (var service in (after?.Services ?? []).Except(servicesBefore, StringComparer.Ordinal))
        {
            if (await access.ForServiceAsync(db, user, service, cancellationToken) is { Allowed: false } owner)
            {
                return $"Only members of team '{owner.Team}' (or admins) can put service '{service}' under maintenance: it holds back its alerts.";
            }
        }
        return null;
    }
}
