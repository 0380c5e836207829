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
public static partial class AlertmanagerPayload
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
}
