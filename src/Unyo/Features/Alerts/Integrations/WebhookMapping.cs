using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// How a webhook integration reads a tool's own payload: where the list of alerts is (absent: the
// payload is one alert), and for each alert where its summary, key, action, severity and the rest
// are. Paths of the fields are read from each alert. Validated when the integration is written
// (errors name `mapping.summary`), stored in canonical JSON, applied by WebhookPayload.
public sealed record WebhookMapping(
    JsonPath? Alerts,
    WebhookField Summary,
    WebhookField? DedupKey,
    WebhookField? Action,
    WebhookField? Severity,
    WebhookField? Source,
    WebhookField? RunbookUrl,
    WebhookField? Labels,
    WebhookField? Details,
    WebhookField? Links,
    WebhookField? OccurredAt)
{
    public static readonly string[] Actions = ["trigger", "acknowledge", "resolve"];
    public static readonly string[] Severities = ["critical", "error", "warning", "info"];
    private static readonly string[] Fields = ["alerts", "summary", "dedupKey", "action", "severity", "source", "runbookUrl", "labels", "details", "links", "occurredAt"];

    public static WebhookMapping? Read(JsonElement element, string field, ValidationErrors errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, "is required for a webhook integration: an object of JSON paths, at least {\"summary\": \"$.title\"}.");
            return null;
        }
        var before = errors.All.Count();
        foreach (var property in element.EnumerateObject().Where(p => !Fields.Contains(p.Name)))
        {
            errors.Add($"{field}.{property.Name}", $"is not a known field; a mapping has {string.Join(", ", Fields)}.");
        }
        JsonPath? alerts = null;
        if (element.TryGetProperty("alerts", out var alertsPath))
        {
            string? error = "must be a JSON path to the list of alerts, such as $.alerts[*].";
            alerts = alertsPath.ValueKind == JsonValueKind.String ? JsonPath.Parse(alertsPath.GetString()!, allowWildcard: true, out error) : null;
            if (alerts is null)
            {
                errors.Add($"{field}.alerts", error!);
            }
        }
        WebhookField? Optional(string name, IReadOnlyCollection<string>? allowed = null) =>
            element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? WebhookField.Read(value, $"{field}.{name}", allowed, errors) : null;
        var summary = Optional("summary");
        if (summary is null && !errors.All.Any(e => e.Field.StartsWith($"{field}.summary", StringComparison.Ordinal)))
        {
            errors.Add($"{field}.summary", "is required: the path of the alert's one-line summary, such as $.title.");
        }
        var mapping = new WebhookMapping(alerts, summary!, Optional("dedupKey"), Optional("action", Actions), Optional("severity", Severities),
            Optional("source"), Optional("runbookUrl"), Optional("labels"), Optional("details"), Optional("links"), Optional("occurredAt"));
        return errors.All.Count() == before ? mapping : null;
    }

    // A stored mapping (validated when written).
    public static WebhookMapping Parse(string json)
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement, "mapping", errors)
            ?? throw new FormatException(string.Join(" ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Alerts is not null)
        {
            json["alerts"] = Alerts.Text;
        }
        json["summary"] = Summary.ToJson();
        foreach (var (name, value) in new[] { ("dedupKey", DedupKey), ("action", Action), ("severity", Severity), ("source", Source), ("runbookUrl", RunbookUrl),
            ("labels", Labels), ("details", Details), ("links", Links), ("occurredAt", OccurredAt) })
        {
            if (value is not null)
            {
                json[name] = value.ToJson();
            }
        }
        return json;
    }

    public string ToStored() => ToJson().ToJsonString();
}
