using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Escalation;

// A team cannot go while it owns escalation policies: they would page for nobody's services.
public sealed class EscalationPolicyReferences(UnyoDb db) : ITeamReferences
{
    public async Task<IReadOnlyList<string>> OwnedByAsync(Guid teamId, CancellationToken cancellationToken) =>
        [.. (await db.EscalationPolicies.Where(p => p.TeamId == teamId).Select(p => p.Name).OrderBy(n => n).ToListAsync(cancellationToken))
            .Select(name => $"{EscalationPolicySpec.KindName} {name}")];
}
