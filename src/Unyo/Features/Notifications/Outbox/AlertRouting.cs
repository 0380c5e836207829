using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts;

namespace Unyo.Features.Notifications.Outbox;

// Which channels hear of a new alert: the service team's enabled paging channels for high
// urgency, its chat channels for low urgency.
public sealed class AlertRouting
{
    public sealed record Decision(IReadOnlyList<Guid> Channels, string? Reason);

    public async Task<Decision> RouteAsync(UnyoDb db, AlertFacts facts, CancellationToken cancellationToken)
    {
        var use = facts.Urgency == AlertUrgency.High ? ChannelUse.Paging : ChannelUse.Chat;
        var channels = await db.NotificationChannels.AsNoTracking()
            .Where(c => c.Team!.Name == facts.Team && c.Enabled && c.Use == use)
            .OrderBy(c => c.Name).Select(c => c.Id).ToListAsync(cancellationToken);
        return new Decision(channels, channels.Count == 0 ? $"team {facts.Team} has no enabled {use.ToString().ToLowerInvariant()} channel" : null);
    }
}
