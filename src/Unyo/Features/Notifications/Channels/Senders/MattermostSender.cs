using System.Text.Json.Nodes;

namespace Unyo.Features.Notifications.Channels.Senders;

// Mattermost incoming webhooks: Markdown in `text`, an optional display name.
public sealed class MattermostSender(IHttpClientFactory clients, TimeProvider time) : HttpChannelSender(clients, time)
{
    public override ChannelKind Kind => ChannelKind.Mattermost;

    protected override HttpRequestMessage Build(ChannelTarget channel, NotificationMessage message) =>
        PostJson(Secret(channel, "url"), Payload(channel, message));

    public static JsonObject Payload(ChannelTarget channel, NotificationMessage message)
    {
        var (subject, text) = MessageText.Render(channel, message);
        var payload = new JsonObject { ["text"] = Cut($"#### {subject}\n{text}", 16000) };
        if ((string?)channel.Settings["username"] is { } username)
        {
            payload["username"] = username;
        }
        return payload;
    }
}
