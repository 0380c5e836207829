using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Catalog;
using Unyo.Features.Maintenance;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Checks;

// Answers telemetry's questions about checks (ICheckDirectory), maintenance's (which check names
// exist) and the catalog's about what hangs off a service (IServiceReferences).
public sealed class CheckDirectory(UnyoDb db) : ICheckDirectory, IServiceReferences, IMaintenanceScopeNames
{
    public bool ValidatesChecks => true;

    public async Task<IReadOnlySet<string>> ExistingChecksAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        (await db.Checks.Where(c => names.Contains(c.Name)).Select(c => c.Name).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    public Task<string?> ServiceOfAsync(string check, CancellationToken cancellationToken) =>
        db.Checks.Where(c => c.Name == check).Select(c => c.Service!.Name).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<ObjectReference>> ToServiceAsync(Guid serviceId, CancellationToken cancellationToken) =>
        [.. (await db.Checks.Where(c => c.ServiceId == serviceId).OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(cancellationToken))
            .Select(name => new ObjectReference("check", name))];
}
