using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.Notifications.Channels;

// A team cannot go while it owns channels: its alerts would lose where they go without anyone deciding it.
public sealed class ChannelReferences(UnyoDb db) : ITeamReferences
{
    public async Task<IReadOnlyList<string>> OwnedByAsync(Guid teamId, CancellationToken cancellationToken) =>
        [.. (await db.NotificationChannels.Where(c => c.TeamId == teamId).Select(c => c.Name).OrderBy(n => n).ToListAsync(cancellationToken))
            .Select(name => $"{NotificationChannelSpec.KindName} {name}")];
}
