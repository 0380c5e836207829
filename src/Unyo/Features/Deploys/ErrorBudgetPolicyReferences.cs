using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Catalog;

namespace Unyo.Features.Deploys;

// A service cannot go while a policy names it: the policy's owners take it out first, so that
// a policy never silently loses a service (or is left governing none).
public sealed class ErrorBudgetPolicyReferences(UnyoDb db) : IServiceReferences
{
    public async Task<IReadOnlyList<ObjectReference>> ToServiceAsync(Guid serviceId, CancellationToken cancellationToken) =>
        [.. (await db.ErrorBudgetPolicyServices.Where(s => s.ServiceId == serviceId).Select(s => s.Policy!.Name).ToListAsync(cancellationToken))
            .Select(name => new ObjectReference(ErrorBudgetPolicySpec.KindName, name))];
}
