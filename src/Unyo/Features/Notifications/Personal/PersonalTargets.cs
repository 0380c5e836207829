using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.OnCall.Personal;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Personal;

// A personal page's recipient as a sender sees it: the contact method turned into a one-person
// channel of the matching kind (chat is a Slack-compatible webhook, push a signed webhook), read
// at send time so a changed number applies to retries too. Without a contact method the page goes
// to the account's email address. Null when the person is gone.
public sealed class PersonalTargets(UnyoDb db, SecretBox secrets, PhoneProvider provider)
{
    private static readonly IReadOnlyDictionary<string, string> NoSecrets = new Dictionary<string, string>();

    public async Task<ChannelTarget?> LoadAsync(Guid userId, Guid? contactMethodId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.Disabled }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }
        var method = contactMethodId is { } id ? await db.ContactMethods.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (method is null)
        {
            return Target(userId, user.Email, ChannelKind.Email, new JsonObject { ["to"] = new JsonArray(user.Email) }, NoSecrets);
        }
        var name = $"{user.Email} {method.Kind.ToString().ToLowerInvariant()}";
        switch (method.Kind)
        {
            case ContactMethodKind.Email:
                return Target(method.Id, name, ChannelKind.Email, new JsonObject { ["to"] = new JsonArray(method.Address) }, NoSecrets);
            case ContactMethodKind.Sms or ContactMethodKind.Voice:
                var phone = provider.Options;
                var settings = new JsonObject { ["to"] = new JsonArray(method.Address) };
                if (phone is not null)
                {
                    (settings["baseUrl"], settings["accountSid"], settings["from"]) = (phone.BaseUrl, phone.AccountSid, phone.From);
                }
                // Without a provider the sender finds no token and refuses the page, saying so.
                return Target(method.Id, name, method.Kind == ContactMethodKind.Sms ? ChannelKind.Sms : ChannelKind.Voice, settings,
                    phone is null ? NoSecrets : new Dictionary<string, string> { ["authToken"] = phone.AuthToken });
            default:
                // Sealed under a key ring that is gone: the sender finds no URL and refuses, saying so.
                var opened = JsonNode.Parse(secrets.Open(method.SealedSecrets) ?? "{}")!.AsObject()
                    .Where(p => p.Value is not null).ToDictionary(p => p.Key, p => (string)p.Value!);
                return Target(method.Id, name, method.Kind == ContactMethodKind.Chat ? ChannelKind.Slack : ChannelKind.Webhook, [], opened);
        }
    }

    private static ChannelTarget Target(Guid id, string name, ChannelKind kind, JsonObject settings, IReadOnlyDictionary<string, string> secrets) =>
        new(id, name, kind, settings, secrets, null);
}
