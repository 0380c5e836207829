using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Catalog;

namespace Unyo.Features.Telemetry;

// The SLIs that measure a service: its catalog entry cannot go while they (and their data) exist.
public sealed class SliServiceReferences(UnyoDb db) : IServiceReferences
{
    public async Task<IReadOnlyList<ObjectReference>> ToServiceAsync(Guid serviceId, CancellationToken cancellationToken) =>
        [.. (await db.Slis.Where(s => s.ServiceId == serviceId).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken))
            .Select(name => new ObjectReference(SliDefinition.KindName, name))];
}
