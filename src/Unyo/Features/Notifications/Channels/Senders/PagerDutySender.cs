using System.Text.Json.Nodes;

namespace Unyo.Features.Notifications.Channels.Senders;

// PagerDuty Events API v2, outbound: to PagerDuty or anything that speaks it (settings.url). One
// incident per Unyo alert (dedup_key "unyo-" + id), so acknowledging or resolving here does the
// same there.
public sealed class PagerDutySender(IHttpClientFactory clients, TimeProvider time) : HttpChannelSender(clients, time)
{
    public const string DefaultUrl = "https://events.pagerduty.com/v2/enqueue";

    public override ChannelKind Kind => ChannelKind.PagerDuty;

    protected override HttpRequestMessage Build(ChannelTarget channel, NotificationMessage message) =>
        PostJson((string?)channel.Settings["url"] ?? DefaultUrl, Payload(channel, message, Secret(channel, "routingKey")));

    public static JsonObject Payload(ChannelTarget channel, NotificationMessage message, string routingKey)
    {
        var action = message.Event switch
        {
            NotificationEvent.Acknowledged => "acknowledge",
            NotificationEvent.Resolved => "resolve",
            _ => "trigger",
        };
        var payload = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = action,
            ["dedup_key"] = message.Event == NotificationEvent.Test ? $"unyo-test-{message.DeliveryId}" : $"unyo-{message.AlertId}",
        };
        if (action != "trigger")
        {
            return payload;
        }
        var (subject, text) = MessageText.Render(channel, message);
        var details = new JsonObject
        {
            ["service"] = message.Service,
            ["team"] = message.Team,
            ["urgency"] = message.Urgency.ToString().ToLowerInvariant(),
            ["runbook"] = MessageText.RunbookText(message),
            ["alert_url"] = message.AlertUrl,
            ["occurrences"] = message.Occurrences,
            ["text"] = text,
        };
        foreach (var (name, value) in new[] { ("acknowledge_url", message.AcknowledgeUrl), ("resolve_url", message.ResolveUrl), ("details", message.Details) })
        {
            if (value is not null)
            {
                details[name] = value;
            }
        }
        if (message.Labels.Count > 0)
        {
            details["labels"] = new JsonObject(message.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }
        payload["payload"] = new JsonObject
        {
            ["summary"] = Cut(subject, 1024),
            ["source"] = message.Source.Length > 0 ? message.Source : "unyo",
            ["severity"] = message.Severity.ToString().ToLowerInvariant(),
            ["timestamp"] = message.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["component"] = message.Service,
            ["group"] = message.Team,
            ["custom_details"] = details,
        };
        payload["client"] = "Unyo";
        payload["client_url"] = message.AlertUrl;
        payload["links"] = new JsonArray([.. MessageLinks.Of(message).Select(l => (JsonNode)new JsonObject { ["href"] = l.Url, ["text"] = l.Title })]);
        return payload;
    }
}
