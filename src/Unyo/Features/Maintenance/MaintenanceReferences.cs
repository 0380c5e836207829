using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;

namespace Unyo.Features.Maintenance;

// A service cannot go while a window covers it, nor a team while it owns windows: their owners
// take them out first, so a window never silently loses what it covers or its owner.
public sealed class MaintenanceReferences(UnyoDb db) : IServiceReferences, ITeamReferences
{
    public async Task<IReadOnlyList<ObjectReference>> ToServiceAsync(Guid serviceId, CancellationToken cancellationToken) =>
        [.. (await db.MaintenanceWindowServices.Where(s => s.ServiceId == serviceId).Select(s => s.Window!.Name).OrderBy(n => n).ToListAsync(cancellationToken))
            .Select(name => new ObjectReference(MaintenanceWindowSpec.KindName, name))];

    public async Task<IReadOnlyList<string>> OwnedByAsync(Guid teamId, CancellationToken cancellationToken) =>
        [.. (await db.MaintenanceWindows.Where(w => w.TeamId == teamId).Select(w => w.Name).OrderBy(n => n).ToListAsync(cancellationToken))
            .Select(name => $"{MaintenanceWindowSpec.KindName} {name}")];
}
