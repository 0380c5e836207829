using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Unyo.Features.Alerts.PagerDuty;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// Reads an Alertmanager webhook payload (version 4, https://prometheus.io/docs/alerting/latest/configuration/#webhook_config)
// into one event per alert. Alertmanager cannot be told to change what it sends, so where a
// value merely does not fit (a long summary, a long group key) it is made to fit; only what is
// malformed is refused, and then the whole payload, with every field named.
public static class AlertmanagerPayload
{
    public const int MaxLabelsChars = 16384;
    public const int MaxDetailsChars = 65536;

    public static IReadOnlyList<AlertEvent>? Read(JsonElement root, ValidationErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "must be a JSON object: an Alertmanager webhook payload.");
            return null;
        }
        var version = Text(root, "version", errors);
        if (version != "4")
        {
            errors.Add("version", version is null ? "is required: Alertmanager sends \"4\"." : $"'{version}' is not supported: only payload version \"4\" is.");
        }
        var receiver = Text(root, "receiver", errors);
        if (string.IsNullOrWhiteSpace(receiver))
        {
            errors.Add("receiver", "is required: the name of the Alertmanager receiver that sent the payload.");
        }
        else if (receiver.Length > 200)
        {
            errors.Add("receiver", "must be at most 200 characters.");
        }
        var groupKey = Text(root, "groupKey", errors);
        var externalUrl = PagerDutyLinks.HttpUrl(Text(root, "externalURL", errors));
        if (!root.TryGetProperty("alerts", out var alerts) || alerts.ValueKind != JsonValueKind.Array)
        {
            errors.Add("alerts", "is required: the list of alerts.");
            return null;
        }
        var events = new List<AlertEvent>(alerts.GetArrayLength());
        var index = 0;
        foreach (var alert in alerts.EnumerateArray())
        {
            if (ReadAlert(alert, $"alerts[{index}]", receiver, Fit(groupKey), externalUrl, errors) is { } read)
            {
                events.Add(read);
            }
            index++;
        }
        return errors.IsEmpty ? events : null;
    }

    private static AlertEvent? ReadAlert(JsonElement alert, string field, string? receiver, string? groupKey, string? externalUrl, ValidationErrors errors)
    {
        if (alert.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, "must be an object.");
            return null;
        }
        var action = Text(alert, "status", errors, field) switch
        {
            "firing" => AlertAction.Trigger,
            "resolved" => AlertAction.Resolve,
            var other => Fail(errors, $"{field}.status", other is null ? "is required: firing or resolved." : $"'{other}' must be firing or resolved."),
        };
        var labels = Strings(alert, "labels", field, required: true, errors);
        var annotations = Strings(alert, "annotations", field, required: false, errors);
        var startsAt = Time(alert, "startsAt", field, errors);
        var endsAt = Time(alert, "endsAt", field, errors);
        var fingerprint = Text(alert, "fingerprint", errors, field);
        if (fingerprint is { Length: > AlertEvent.MaxDedupKeyLength })
        {
            errors.Add($"{field}.fingerprint", $"must be at most {AlertEvent.MaxDedupKeyLength} characters.");
        }
        var generator = PagerDutyLinks.HttpUrl(Text(alert, "generatorURL", errors, field));
        if (labels is not null && LabelsTooLong(labels))
        {
            errors.Add($"{field}.labels", $"must be at most {MaxLabelsChars} characters as JSON.");
        }
        var details = annotations is { Count: > 0 } ? alert.GetProperty("annotations").GetRawText() : null;
        if (details is { Length: > MaxDetailsChars })
        {
            errors.Add($"{field}.annotations", $"must be at most {MaxDetailsChars} characters as JSON.");
        }
        if (action is null || labels is null || !errors.IsEmpty)
        {
            return null;
        }
        annotations ??= [];
        var summary = Annotation(annotations, "summary") ?? Annotation(annotations, "description") ?? Annotation(labels, "alertname") ?? "Alert from Alertmanager";
        var links = new List<AlertLink>(2);
        if (generator is not null)
        {
            links.Add(new AlertLink(generator, "Source"));
        }
        if (externalUrl is not null)
        {
            links.Add(new AlertLink(externalUrl, "Alertmanager"));
        }
        return new AlertEvent(
            action.Value,
            string.IsNullOrEmpty(fingerprint) ? Fingerprint(labels) : fingerprint,
            Shorten(summary, AlertEvent.MaxSummaryLength),
            Shorten("alertmanager/" + receiver, 255),
            SeverityOf(labels.GetValueOrDefault("severity")),
            null,
            labels,
            links,
            PagerDutyLinks.HttpUrl(Annotation(annotations, "runbook_url") ?? Annotation(annotations, "runbook") ?? Annotation(annotations, "runbookUrl")),
            details,
            groupKey,
            action == AlertAction.Resolve ? endsAt ?? startsAt : startsAt);
    }

    // Serialized only when escaping could make them too long: most label sets are far below.
    internal static bool LabelsTooLong(Dictionary<string, string> labels)
    {
        var plain = labels.Sum(l => l.Key.Length + l.Value.Length + 6) + 2;
        return plain * 6 > MaxLabelsChars && JsonSerializer.Serialize(labels).Length > MaxLabelsChars;
    }

    // Prometheus' conventions and PagerDuty's names meet here; anything else is a warning.
    public static AlertSeverity SeverityOf(string? label) => label?.Trim().ToLowerInvariant() switch
    {
        "critical" or "page" => AlertSeverity.Critical,
        "error" or "high" or "major" => AlertSeverity.Error,
        "warning" or "warn" or "ticket" or "minor" => AlertSeverity.Warning,
        "info" or "informational" or "low" or "none" => AlertSeverity.Info,
        _ => AlertSeverity.Warning,
    };

    // What Alertmanager itself would key the alert by when it sent no fingerprint: its label set.
    public static string Fingerprint(IReadOnlyDictionary<string, string> labels)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('\u0000').Append(value).Append('\u0000');
        }
        return "labels:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    // Group keys name the route and the grouping labels and can be long; a long one is hashed so
    // alerts of one group still share it.
    private static string? Fit(string? groupKey) =>
        groupKey is { Length: > 255 } ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey))) : groupKey;

    private static string? Annotation(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Dictionary<string, string>? Strings(JsonElement alert, string name, string field, bool required, ValidationErrors errors)
    {
        if (!alert.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add($"{field}.{name}", "is required: an object of strings.");
            }
            return required ? null : [];
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{field}.{name}", "must be an object of strings.");
            return null;
        }
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{field}.{name}.{property.Name}", "must be a string.");
            }
            else
            {
                strings[property.Name] = property.Value.GetString()!;
            }
        }
        return strings;
    }

    private static DateTimeOffset? Time(JsonElement alert, string name, string field, ValidationErrors errors)
    {
        var text = Text(alert, name, errors, field);
        if (text is null)
        {
            return null;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            errors.Add($"{field}.{name}", $"'{Shorten(text, 40)}' must be an RFC 3339 date and time.");
            return null;
        }
        // Alertmanager sends the zero time for "not ended yet".
        return at.Year <= 1 ? null : at.ToUniversalTime();
    }

    private static string? Text(JsonElement element, string name, ValidationErrors errors, string? field = null)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(field is null ? name : $"{field}.{name}", "must be a string.");
            return null;
        }
        return value.GetString();
    }

    private static AlertAction? Fail(ValidationErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return null;
    }
}
