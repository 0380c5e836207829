using System.Text;
using System.Text.Json.Nodes;

namespace Unyo.Features.Notifications.Channels.Senders;

// A sender that makes one HTTP request per message through the guarded client.
public abstract class HttpChannelSender(IHttpClientFactory clients, TimeProvider time) : INotificationSender
{
    public abstract ChannelKind Kind { get; }

    protected TimeProvider Time => time;

    public async Task<DeliveryOutcome> SendAsync(ChannelTarget channel, NotificationMessage message, CancellationToken cancellationToken)
    {
        HttpRequestMessage request;
        try
        {
            request = Build(channel, message);
        }
        catch (ChannelMisconfiguredException exception)
        {
            return new DeliveryOutcome(DeliveryResult.Rejected, null, exception.Message);
        }
        using (request)
        {
            return await SendAsync(request, cancellationToken);
        }
    }

    protected Task<DeliveryOutcome> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        HttpOutcomes.SendAsync(clients.CreateClient(ChannelHttp.ClientName), request, time, cancellationToken);

    protected abstract HttpRequestMessage Build(ChannelTarget channel, NotificationMessage message);

    public static string Secret(ChannelTarget channel, string name) =>
        channel.Secrets.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new ChannelMisconfiguredException($"the channel has no {name} (secrets are write-only; set it again)");

    public static HttpRequestMessage PostJson(string url, JsonNode body) => new(HttpMethod.Post, url)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
    };

    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
