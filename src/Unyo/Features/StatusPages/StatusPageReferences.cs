using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;

namespace Unyo.Features.StatusPages;

// A service cannot go while a status page shows it, nor a team while it owns pages: a public
// page must not lose a component or its owner without someone deciding so.
public sealed class StatusPageReferences(UnyoDb db) : IServiceReferences, ITeamReferences
{
    public async Task<IReadOnlyList<ObjectReference>> ToServiceAsync(Guid serviceId, CancellationToken cancellationToken) =>
        [.. (await db.StatusPageComponents.Where(c => c.ServiceId == serviceId)
                .Join(db.StatusPages, c => c.PageId, p => p.Id, (c, p) => p.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken))
            .Select(name => new ObjectReference(StatusPageSpec.KindName, name))];

    public async Task<IReadOnlyList<string>> OwnedByAsync(Guid teamId, CancellationToken cancellationToken) =>
        [.. (await db.StatusPages.Where(p => p.TeamId == teamId).Select(p => p.Name).OrderBy(n => n).ToListAsync(cancellationToken))
            .Select(name => $"{StatusPageSpec.KindName} {name}")];
}
