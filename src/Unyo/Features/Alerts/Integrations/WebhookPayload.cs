using System.Text.Json;
using Unyo.Features.Alerts.PagerDuty;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// Reads a tool's payload through a webhook mapping into one event per alert. Errors are keyed by
// the alert (`alerts[2].summary`) and say which mapping field found nothing; one bad alert refuses
// the whole payload, so nothing of it is stored.
public static partial class WebhookPayload
{
    public static IReadOnlyList<AlertEvent>? Read(JsonElement root, WebhookMapping mapping, string source, ValidationErrors errors)
    {
        var alerts = new List<JsonElement>();
        if (mapping.Alerts is null)
        {
            alerts.Add(root);
        }
        else if (mapping.Alerts.Find(root) is not { } found)
        {
            errors.Add("alerts", $"the mapping's alerts path {mapping.Alerts} found nothing in the payload.");
            return null;
        }
        else if (found.ValueKind == JsonValueKind.Array)
        {
            alerts.AddRange(found.EnumerateArray());
        }
        else if (mapping.Alerts.EndsWithWildcard)
        {
            errors.Add("alerts", $"the mapping's alerts path {mapping.Alerts} found {Kind(found)}, not a list.");
            return null;
        }
        else
        {
            alerts.Add(found);
        }
        var events = new List<AlertEvent>(alerts.Count);
        for (var i = 0; i < alerts.Count; i++)
        {
            if (ReadAlert(alerts[i], mapping, source, $"alerts[{i}]", errors) is { } read)
            {
                events.Add(read);
            }
        }
        return errors.IsEmpty ? events : null;
    }

    private static AlertEvent? ReadAlert(JsonElement alert, WebhookMapping mapping, string source, string at, ValidationErrors errors)
    {
        var before = errors.All.Count();
        var actionText = mapping.Action?.MappedOf(alert) ?? "trigger";
        var action = actionText.ToLowerInvariant() switch
        {
            "trigger" => AlertAction.Trigger,
            "acknowledge" => AlertAction.Acknowledge,
            "resolve" => AlertAction.Resolve,
            _ => Fail(errors, $"{at}.action", $"mapping.action ({Describe(mapping.Action!)}) found '{AlertmanagerPayload.Shorten(actionText, 40)}', which its map does not name; map it to trigger, acknowledge or resolve."),
        };
        // Acknowledging and resolving need only the key, as in PagerDuty's Events API.
        var summary = mapping.Summary.TextOf(alert);
        if (action == AlertAction.Trigger && string.IsNullOrWhiteSpace(summary))
        {
            errors.Add($"{at}.summary", $"mapping.summary ({Describe(mapping.Summary)}) found no text in this alert.");
        }
        var dedupKey = mapping.DedupKey?.TextOf(alert);
        if (dedupKey is { Length: > AlertEvent.MaxDedupKeyLength })
        {
            errors.Add($"{at}.dedupKey", $"mapping.dedupKey found a key of {dedupKey.Length} characters; at most {AlertEvent.MaxDedupKeyLength} are allowed.");
        }
        if (action is AlertAction.Acknowledge or AlertAction.Resolve && string.IsNullOrEmpty(dedupKey))
        {
            errors.Add($"{at}.dedupKey", mapping.DedupKey is null
                ? $"the alert says {actionText}, but the mapping has no dedupKey to say which alert."
                : $"mapping.dedupKey ({Describe(mapping.DedupKey)}) found nothing, and {actionText} needs the key of the alert.");
        }
        var labels = Labels(alert, mapping.Labels, at, errors);
        var details = Details(alert, mapping.Details, at, errors);
        var occurredAt = OccurredAt(alert, mapping.OccurredAt, at, errors);
        if (errors.All.Count() > before || action is null)
        {
            return null;
        }
        return new AlertEvent(
            action.Value,
            string.IsNullOrEmpty(dedupKey) ? null : dedupKey,
            AlertmanagerPayload.Shorten(summary?.Trim() ?? "", AlertEvent.MaxSummaryLength),
            AlertmanagerPayload.Shorten(mapping.Source?.TextOf(alert) is { Length: > 0 } from ? from : source, 255),
            AlertmanagerPayload.SeverityOf(mapping.Severity?.MappedOf(alert)),
            null,
            labels,
            Links(alert, mapping.Links),
            PagerDutyLinks.HttpUrl(mapping.RunbookUrl?.TextOf(alert)),
            details,
            null,
            occurredAt);
    }

    private static string Describe(WebhookField field) => field.Describe();

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "true or false",
    };
}
