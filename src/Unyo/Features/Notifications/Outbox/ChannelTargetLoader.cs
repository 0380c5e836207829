using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Outbox;

// A channel as its sender needs it, with the secrets opened, read at each attempt so that a
// changed URL or token applies to retries as well.
public sealed class ChannelTargetLoader(UnyoDb db, SecretBox secrets)
{
    public async Task<ChannelTarget?> LoadAsync(Guid channelId, CancellationToken cancellationToken)
    {
        var channel = await db.NotificationChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId, cancellationToken);
        if (channel is null)
        {
            return null;
        }
        var opened = secrets.Open(channel.SealedSecrets);
        var secretValues = opened is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(opened) ?? [];
        return new ChannelTarget(channel.Id, channel.Name, channel.Kind, JsonNode.Parse(channel.Settings)?.AsObject() ?? [],
            secretValues, channel.Templates is null ? null : JsonNode.Parse(channel.Templates)?.AsObject());
    }
}
