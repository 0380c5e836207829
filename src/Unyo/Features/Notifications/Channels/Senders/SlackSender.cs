using System.Text.Json.Nodes;

namespace Unyo.Features.Notifications.Channels.Senders;

// Slack incoming webhooks: `text` as the notification fallback, Block Kit for the message with
// link buttons. Values are escaped (&, <, >) so a summary cannot smuggle in <!channel> or links.
public sealed class SlackSender(IHttpClientFactory clients, TimeProvider time) : HttpChannelSender(clients, time)
{
    public override ChannelKind Kind => ChannelKind.Slack;

    public static string Escape(string value) => value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    protected override HttpRequestMessage Build(ChannelTarget channel, NotificationMessage message) =>
        PostJson(Secret(channel, "url"), Payload(channel, message));

    public static JsonObject Payload(ChannelTarget channel, NotificationMessage message)
    {
        var (subject, text) = MessageText.Render(channel, message, Escape);
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut($"*{subject}*\n{text}", 3000) } },
        };
        var buttons = new JsonArray([.. MessageLinks.Of(message).Where(l => l.Url.Length <= 3000).Select(l => (JsonNode)new JsonObject
        {
            ["type"] = "button",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = l.Title },
            ["url"] = l.Url,
        })]);
        blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = buttons });
        return new JsonObject { ["text"] = Cut(subject, 3000), ["blocks"] = blocks };
    }
}
