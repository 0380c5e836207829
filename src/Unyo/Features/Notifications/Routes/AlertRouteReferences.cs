using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;

namespace Unyo.Features.Notifications.Routes;

// A service cannot go while a route names it, nor a team while it owns routes: a route never
// silently loses what it matches or its owner.
public sealed class AlertRouteReferences(UnyoDb db) : IServiceReferences, ITeamReferences
{
    public async Task<IReadOnlyList<ObjectReference>> ToServiceAsync(Guid serviceId, CancellationToken cancellationToken)
    {
        var name = await db.Services.Where(s => s.Id == serviceId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return [];
        }
        return [.. (await db.AlertRoutes.Where(r => r.Services.Contains(name)).Select(r => r.Name).OrderBy(n => n).ToListAsync(cancellationToken))
            .Select(route => new ObjectReference(AlertRouteSpec.KindName, route))];
    }

    public async Task<IReadOnlyList<string>> OwnedByAsync(Guid teamId, CancellationToken cancellationToken) =>
        [.. (await db.AlertRoutes.Where(r => r.TeamId == teamId).Select(r => r.Name).OrderBy(n => n).ToListAsync(cancellationToken))
            .Select(name => $"{AlertRouteSpec.KindName} {name}")];
}
