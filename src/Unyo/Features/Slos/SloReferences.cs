using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Catalog;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos;

// Tells the lower floors what SLOs hang off their objects: a service cannot go while it has SLOs,
// an SLI cannot go (or move to another service) while SLOs judge it.
public sealed class SloReferences(UnyoDb db) : IServiceReferences, ISliReferences
{
    public Task<IReadOnlyList<ObjectReference>> ToServiceAsync(Guid serviceId, CancellationToken cancellationToken) =>
        NamesAsync(db.Slos.Where(s => s.ServiceId == serviceId), cancellationToken);

    public Task<IReadOnlyList<ObjectReference>> ToSliAsync(Guid sliId, CancellationToken cancellationToken) =>
        NamesAsync(db.Slos.Where(s => s.SliId == sliId), cancellationToken);

    private static async Task<IReadOnlyList<ObjectReference>> NamesAsync(IQueryable<Slo> slos, CancellationToken cancellationToken) =>
        [.. (await slos.OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken)).Select(name => new ObjectReference(SloSpec.KindName, name))];
}
