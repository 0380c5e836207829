using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels.Senders;

// Generic webhooks: the NotificationMessage as JSON (plus the channel's rendered subject and
// text), signed, with the delivery id so receivers can drop the duplicates that retries make.
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time) : HttpChannelSender(clients, time)
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public override ChannelKind Kind => ChannelKind.Webhook;

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);
        return options;
    }

    protected override HttpRequestMessage Build(ChannelTarget channel, NotificationMessage message)
    {
        var url = Secret(channel, "url");
        var secret = Secret(channel, ChannelKinds.SigningSecret);
        var body = Body(channel, message);
        var timestamp = Time.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (channel.Settings["headers"] is JsonObject headers)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, (string?)value);
            }
        }
        request.Headers.Add("X-Unyo-Delivery", message.DeliveryId.ToString());
        request.Headers.Add("X-Unyo-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Unyo-Signature", WebhookSignature.Compute(secret, timestamp, body));
        return request;
    }

    public static string Body(ChannelTarget channel, NotificationMessage message)
    {
        var json = JsonSerializer.SerializeToNode(message, Json)!.AsObject();
        var (subject, text) = MessageText.Render(channel, message);
        json["channel"] = channel.Name;
        json["subject"] = subject;
        json["text"] = text;
        return json.ToJsonString();
    }
}
