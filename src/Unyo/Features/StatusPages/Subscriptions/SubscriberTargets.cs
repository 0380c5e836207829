using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Outbox;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages.Subscriptions;

// A subscriber as the outbox's senders see it: a one-address email channel, or a signed webhook
// whose URL and secret are opened at send time.
public sealed class SubscriberTargets(UnyoDb db, SecretBox secrets) : ISubscriberTargets
{
    public async Task<ChannelTarget?> LoadAsync(Guid subscriberId, CancellationToken cancellationToken)
    {
        var subscriber = await db.StatusSubscribers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subscriberId, cancellationToken);
        if (subscriber is null)
        {
            return null;
        }
        if (subscriber.Kind == StatusSubscriberKind.Email)
        {
            return new ChannelTarget(subscriber.Id, subscriber.Email!, ChannelKind.Email, new JsonObject { ["to"] = new JsonArray(subscriber.Email) }, new Dictionary<string, string>(), null);
        }
        // Sealed under a key ring that is gone: the sender finds no URL and refuses, saying so.
        var opened = JsonNode.Parse(secrets.Open(subscriber.SealedSecrets) ?? "{}")!.AsObject()
            .Where(p => p.Value is not null).ToDictionary(p => p.Key, p => (string)p.Value!);
        return new ChannelTarget(subscriber.Id, "status page webhook", ChannelKind.Webhook, [], opened, null);
    }
}
