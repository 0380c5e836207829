using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Schedules;

// A team cannot go while it owns schedules: they would page for nobody's services.
public sealed class ScheduleReferences(UnyoDb db) : ITeamReferences
{
    public async Task<IReadOnlyList<string>> OwnedByAsync(Guid teamId, CancellationToken cancellationToken) =>
        [.. (await db.Schedules.Where(s => s.TeamId == teamId).Select(s => s.Name).OrderBy(n => n).ToListAsync(cancellationToken))
            .Select(name => $"{ScheduleSpec.KindName} {name}")];
}
