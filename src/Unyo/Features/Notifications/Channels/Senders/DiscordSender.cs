using System.Text.Json.Nodes;
namespace Unyo.Features.Notifications.Channels.Senders;

// Discord webhooks: the subject as content, the text in an embed coloured by severity. Mentions
// are switched off, so a summary holding @everyone pings nobody.
public sealed class DiscordSender(IHttpClientFactory clients, TimeProvider time) : HttpChannelSender(clients, time)
{
    public override ChannelKind Kind => ChannelKind.Discord;

    protected override HttpRequestMessage Build(ChannelTarget channel, NotificationMessage message) =>
        PostJson(Secret(channel, "url"), Payload(channel, message));

    public static JsonObject Payload(ChannelTarget channel, NotificationMessage message)
    {
        var (subject, text) = MessageText.Render(channel, message);
        var payload = new JsonObject
        {
            ["content"] = Cut(subject, 2000),
            ["embeds"] = new JsonArray(new JsonObject
            {
                ["title"] = Cut(subject, 256),
                ["description"] = Cut(text, 4096),
                ["url"] = message.AlertUrl,
                ["color"] = MessageColors.Of(message),
            }),
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
        if ((string?)channel.Settings["username"] is { } username)
        {
            payload["username"] = username;
        }
        return payload;
    }
}
