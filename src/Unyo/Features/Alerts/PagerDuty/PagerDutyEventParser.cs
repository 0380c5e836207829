using System.Globalization;
using System.Text.Json;

namespace Unyo.Features.Alerts.PagerDuty;

// Reads one PagerDuty Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/)
// into an AlertEvent. Errors are phrased as PagerDuty phrases them, so tools that log its answers
// stay readable; every problem of the event is listed, not only the first.
public static class PagerDutyEventParser
{
    public sealed record Result(string? RoutingKey, AlertEvent? Event, IReadOnlyList<string> Errors);

    public static Result Parse(JsonElement root)
    {
        var errors = new List<string>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new Result(null, null, ["Event object is invalid: the body must be a JSON object"]);
        }
        var routingKey = Text(root, "routing_key");
        if (string.IsNullOrWhiteSpace(routingKey))
        {
            errors.Add("'routing_key' is missing or blank");
        }
        var action = Text(root, "event_action") switch
        {
            "trigger" => AlertAction.Trigger,
            "acknowledge" => AlertAction.Acknowledge,
            "resolve" => AlertAction.Resolve,
            null or "" => Fail(errors, "'event_action' is missing or blank"),
            var other => Fail(errors, $"'event_action' must be one of trigger, acknowledge, resolve (got '{Shorten(other)}')"),
        };
        var dedupKey = Text(root, "dedup_key");
        if (dedupKey is { Length: > AlertEvent.MaxDedupKeyLength })
        {
            errors.Add($"'dedup_key' must be at most {AlertEvent.MaxDedupKeyLength} characters");
        }
        if (action is AlertAction.Acknowledge or AlertAction.Resolve && string.IsNullOrWhiteSpace(dedupKey))
        {
            errors.Add($"'dedup_key' is required for event_action '{Text(root, "event_action")}'");
        }
        if (action is not AlertAction.Trigger)
        {
            return errors.Count > 0
                ? new Result(routingKey, null, errors)
                : new Result(routingKey, new AlertEvent(action!.Value, dedupKey, "", "pagerduty", AlertSeverity.Info, null, Empty, [], null, null, null, null), []);
        }
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            errors.Add("'payload' is missing or not an object");
            return new Result(routingKey, null, errors);
        }
        var summary = Text(payload, "summary");
        if (string.IsNullOrWhiteSpace(summary))
        {
            errors.Add("'payload.summary' is missing or blank");
        }
        else if (summary.Length > AlertEvent.MaxSummaryLength)
        {
            errors.Add($"'payload.summary' must be at most {AlertEvent.MaxSummaryLength} characters (got {summary.Length})");
        }
        var source = Text(payload, "source");
        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add("'payload.source' is missing or blank");
        }
        else if (source.Length > 255)
        {
            errors.Add("'payload.source' must be at most 255 characters");
        }
        var severity = Text(payload, "severity") switch
        {
            "critical" => AlertSeverity.Critical,
            "error" => AlertSeverity.Error,
            "warning" => AlertSeverity.Warning,
            "info" => AlertSeverity.Info,
            null or "" => FailSeverity(errors, "'payload.severity' is missing or blank"),
            var other => FailSeverity(errors, $"'payload.severity' must be one of critical, error, warning, info (got '{Shorten(other)}')"),
        };
        DateTimeOffset? occurredAt = null;
        if (Text(payload, "timestamp") is { } stamp)
        {
            if (DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                occurredAt = parsed.ToUniversalTime();
            }
            else
            {
                errors.Add("'payload.timestamp' must be an ISO 8601 date and time");
            }
        }
        var links = PagerDutyLinks.Read(root, errors);
        if (errors.Count > 0)
        {
            return new Result(routingKey, null, errors);
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in (string[])["component", "group", "class"])
        {
            if (Text(payload, name) is { Length: > 0 } value)
            {
                labels[name] = value;
            }
        }
        var details = payload.TryGetProperty("custom_details", out var custom) && custom.ValueKind is not JsonValueKind.Null
            ? (custom.ValueKind == JsonValueKind.Object ? custom.GetRawText() : $"{{\"details\":{custom.GetRawText()}}}")
            : null;
        return new Result(routingKey, new AlertEvent(AlertAction.Trigger, dedupKey, summary!, source!, severity!.Value, null, labels,
            links.Links, links.Runbook ?? RunbookIn(custom), details, Text(payload, "group"), occurredAt), []);
    }

    private static readonly Dictionary<string, string> Empty = new();

    // A runbook given in the custom details (runbook_url or runbook), as monitoring tools put it.
    private static string? RunbookIn(JsonElement custom) =>
        custom.ValueKind == JsonValueKind.Object
            ? PagerDutyLinks.HttpUrl(Text(custom, "runbook_url") ?? Text(custom, "runbook"))
            : null;

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static AlertAction? Fail(List<string> errors, string error)
    {
        errors.Add(error);
        return null;
    }

    private static AlertSeverity? FailSeverity(List<string> errors, string error)
    {
        errors.Add(error);
        return null;
    }
}
