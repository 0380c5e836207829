using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.Alerts.Silences;

// A team cannot go while it owns silences (expired ones too: they are its record of who kept
// what quiet and why); an admin deletes them first.
public sealed class SilenceReferences(UnyoDb db) : ITeamReferences
{
    public async Task<IReadOnlyList<string>> OwnedByAsync(Guid teamId, CancellationToken cancellationToken) =>
        [.. (await db.Silences.Where(s => s.TeamId == teamId).Select(s => s.Name).OrderBy(n => n).ToListAsync(cancellationToken))
            .Select(name => $"{SilenceSpec.KindName} {name}")];
}
