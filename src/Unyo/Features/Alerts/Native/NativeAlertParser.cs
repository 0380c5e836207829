using System.Globalization;
using System.Text.Json;
using Unyo.Features.Alerts.PagerDuty;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Native;

// Reads the native JSON intake body: one event object, or an array of up to MaxEvents of them.
// Every problem is named by its field path (`severity`, or `[2].severity` inside an array), and one
// bad event refuses the whole body, so a batch is stored whole or not at all.
public static class NativeAlertParser
{
    public const int MaxEvents = 100;
    public const int MaxLabels = 64;
    public const int MaxLinks = 50;
    public const int MaxSourceLength = 255;
    public const int MaxGroupKeyLength = 255;

    public static IReadOnlyList<AlertEvent>? Read(JsonElement root, string defaultSource, ValidationErrors errors)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            return ReadEvent(root, "", defaultSource, errors) is { } single && errors.IsEmpty ? [single] : null;
        }
        if (root.ValueKind != JsonValueKind.Array)
        {
            errors.Add("body", "must be an alert event object or an array of them.");
            return null;
        }
        var count = root.GetArrayLength();
        if (count is 0 or > MaxEvents)
        {
            errors.Add("body", $"an array must hold between 1 and {MaxEvents} events (got {count}).");
            return null;
        }
        var events = new List<AlertEvent>(count);
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            if (ReadEvent(item, $"[{index}].", defaultSource, errors) is { } read)
            {
                events.Add(read);
            }
            index++;
        }
        return errors.IsEmpty ? events : null;
    }

    private static AlertEvent? ReadEvent(JsonElement item, string at, string defaultSource, ValidationErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at.Length == 0 ? "body" : at.TrimEnd('.'), "must be an alert event object.");
            return null;
        }
        var fields = new NativeFields(item, at, errors);
        var before = errors.All.Count();
        var actionText = fields.Text("action");
        var action = actionText switch
        {
            "trigger" => AlertAction.Trigger,
            "acknowledge" => AlertAction.Acknowledge,
            "resolve" => AlertAction.Resolve,
            null => fields.Fail<AlertAction>("action", "is required: trigger, acknowledge or resolve."),
            _ => fields.Fail<AlertAction>("action", $"'{Shorten(actionText)}' is not an action: use trigger, acknowledge or resolve."),
        };
        var dedupKey = fields.Text("dedupKey");
        if (dedupKey is { Length: 0 or > AlertEvent.MaxDedupKeyLength })
        {
            errors.Add(at + "dedupKey", $"must be 1 to {AlertEvent.MaxDedupKeyLength} characters.");
        }
        if (action is AlertAction.Acknowledge or AlertAction.Resolve && string.IsNullOrEmpty(dedupKey))
        {
            errors.Add(at + "dedupKey", $"is required to {actionText}: it says which alert.");
        }
        var trigger = action == AlertAction.Trigger;
        var summary = fields.Text("summary")?.Trim();
        if (trigger && string.IsNullOrEmpty(summary))
        {
            errors.Add(at + "summary", "is required to trigger an alert.");
        }
        else if (summary is { Length: > AlertEvent.MaxSummaryLength })
        {
            errors.Add(at + "summary", $"must be at most {AlertEvent.MaxSummaryLength} characters (got {summary.Length}).");
        }
        var source = fields.Text("source");
        if (source is { Length: 0 or > MaxSourceLength })
        {
            errors.Add(at + "source", $"must be 1 to {MaxSourceLength} characters.");
        }
        var severity = fields.Text("severity") switch
        {
            "critical" => AlertSeverity.Critical,
            "error" => AlertSeverity.Error,
            "warning" => AlertSeverity.Warning,
            "info" => AlertSeverity.Info,
            null when trigger => fields.Fail<AlertSeverity>("severity", "is required to trigger an alert: critical, error, warning or info."),
            null => AlertSeverity.Info,
            var other => fields.Fail<AlertSeverity>("severity", $"'{Shorten(other)}' is not a severity: use critical, error, warning or info."),
        };
        AlertUrgency? urgency = fields.Text("urgency") switch
        {
            null => null,
            "high" => AlertUrgency.High,
            "low" => AlertUrgency.Low,
            var other => fields.Fail<AlertUrgency>("urgency", $"'{Shorten(other)}' is not an urgency: use high or low."),
        };
        var runbook = fields.Text("runbookUrl");
        if (runbook is not null && PagerDutyLinks.HttpUrl(runbook) is null)
        {
            errors.Add(at + "runbookUrl", "must be an http or https URL of at most 2048 characters.");
        }
        var groupKey = fields.Text("groupKey");
        if (groupKey is { Length: 0 or > MaxGroupKeyLength })
        {
            errors.Add(at + "groupKey", $"must be 1 to {MaxGroupKeyLength} characters.");
        }
        DateTimeOffset? occurredAt = null;
        if (fields.Text("occurredAt") is { } stamp)
        {
            if (DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                occurredAt = parsed.ToUniversalTime();
            }
            else
            {
                errors.Add(at + "occurredAt", "must be an ISO 8601 date and time, such as 2026-11-24T21:30:00Z.");
            }
        }
        var labels = fields.Labels();
        var links = fields.Links();
        var details = fields.Details();
        if (errors.All.Count() > before)
        {
            return null;
        }
        return new AlertEvent(action!.Value, dedupKey, summary ?? "", source ?? defaultSource, severity!.Value, urgency, labels, links, runbook, details, groupKey, occurredAt);
    }

    internal static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
