using System.Text.Json.Nodes;

namespace Unyo.Features.Notifications.Channels.Senders;

// Microsoft Teams: an Adaptive Card in a message (what Workflows webhooks take), or the legacy
// MessageCard that old Office 365 connectors take (settings.format: messageCard).
public sealed class TeamsSender(IHttpClientFactory clients, TimeProvider time) : HttpChannelSender(clients, time)
{
    public override ChannelKind Kind => ChannelKind.Teams;

    protected override HttpRequestMessage Build(ChannelTarget channel, NotificationMessage message) =>
        PostJson(Secret(channel, "url"), (string?)channel.Settings["format"] == "messageCard" ? MessageCard(channel, message) : AdaptiveCard(channel, message));

    public static JsonObject AdaptiveCard(ChannelTarget channel, NotificationMessage message)
    {
        var (subject, text) = MessageText.Render(channel, message);
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = subject, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = text.Replace("\n", "\n\n", StringComparison.Ordinal), ["wrap"] = true }),
            ["actions"] = new JsonArray([.. MessageLinks.Of(message).Select(l => (JsonNode)new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = l.Title, ["url"] = l.Url })]),
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card }),
        };
    }

    public static JsonObject MessageCard(ChannelTarget channel, NotificationMessage message)
    {
        var (subject, text) = MessageText.Render(channel, message);
        return new JsonObject
        {
            ["@type"] = "MessageCard",
            ["@context"] = "https://schema.org/extensions",
            ["summary"] = subject,
            ["themeColor"] = MessageColors.Of(message).ToString("X6", System.Globalization.CultureInfo.InvariantCulture),
            ["title"] = subject,
            ["text"] = text.Replace("\n", "\n\n", StringComparison.Ordinal),
            ["potentialAction"] = new JsonArray([.. MessageLinks.Of(message).Select(l => (JsonNode)new JsonObject
            {
                ["@type"] = "OpenUri",
                ["name"] = l.Title,
                ["targets"] = new JsonArray(new JsonObject { ["os"] = "default", ["uri"] = l.Url }),
            })]),
        };
    }
}
