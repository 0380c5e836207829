using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Notifications.Channels;

// What the outbox dispatcher reads before each send: the channel with its secrets opened, read
// fresh every time so a rotated webhook URL applies to retries too. Null when the channel is gone.
public sealed class ChannelTargets(UnyoDb db, ChannelSecrets secrets)
{
    public async Task<ChannelTarget?> LoadAsync(Guid channelId, CancellationToken cancellationToken)
    {
        var channel = await db.NotificationChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        return channel is null ? null : From(channel);
    }

    public ChannelTarget From(NotificationChannel channel) => new(
        channel.Id,
        channel.Name,
        channel.Kind,
        JsonNode.Parse(channel.Settings) as JsonObject ?? [],
        secrets.Open(channel),
        channel.Templates is null ? null : JsonNode.Parse(channel.Templates) as JsonObject);
}
