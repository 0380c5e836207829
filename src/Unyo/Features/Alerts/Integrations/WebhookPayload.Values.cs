using System.Globalization;
using System.Text.Json;
using Unyo.Features.Alerts.PagerDuty;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// Reading the optional values of one alert: labels, details, links and when it happened.
public static partial class WebhookPayload
{
    private static Dictionary<string, string> Labels(JsonElement alert, WebhookField? field, string at, ValidationErrors errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (field?.Find(alert) is not { } found)
        {
            return labels;
        }
        if (found.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{at}.labels", $"mapping.labels ({Describe(field)}) found {Kind(found)}, not an object of strings.");
            return labels;
        }
        foreach (var property in found.EnumerateObject())
        {
            if (WebhookField.Scalar(property.Value) is { } value)
            {
                labels[property.Name] = value;
            }
        }
        if (AlertmanagerPayload.LabelsTooLong(labels))
        {
            errors.Add($"{at}.labels", $"the labels must be at most {AlertmanagerPayload.MaxLabelsChars} characters as JSON.");
        }
        return labels;
    }

    // Without a details path the whole alert is kept: what the tool sent is what a person reads.
    private static string? Details(JsonElement alert, WebhookField? field, string at, ValidationErrors errors)
    {
        var found = field is null ? alert : field.Find(alert);
        if (found is not { } value)
        {
            return null;
        }
        var text = value.ValueKind == JsonValueKind.Object ? value.GetRawText() : $"{{\"details\":{value.GetRawText()}}}";
        if (text.Length > AlertmanagerPayload.MaxDetailsChars)
        {
            if (field is null)
            {
                return null;
            }
            errors.Add($"{at}.details", $"mapping.details found {text.Length} characters of JSON; at most {AlertmanagerPayload.MaxDetailsChars} are kept.");
        }
        return text;
    }

    private static List<AlertLink> Links(JsonElement alert, WebhookField? field)
    {
        var links = new List<AlertLink>();
        if (field?.Find(alert) is not { } found)
        {
            return links;
        }
        foreach (var item in found.ValueKind == JsonValueKind.Array ? found.EnumerateArray().Take(50) : [found])
        {
            var href = item.ValueKind == JsonValueKind.String ? item.GetString()
                : item.ValueKind == JsonValueKind.Object ? Text(item, "href") ?? Text(item, "url") : null;
            if (PagerDutyLinks.HttpUrl(href) is { } url)
            {
                links.Add(new AlertLink(url, item.ValueKind == JsonValueKind.Object ? Text(item, "text") ?? Text(item, "title") ?? Text(item, "name") : null));
            }
        }
        return links;
    }

    private static DateTimeOffset? OccurredAt(JsonElement alert, WebhookField? field, string at, ValidationErrors errors)
    {
        var text = field?.TextOf(alert);
        if (text is null)
        {
            return null;
        }
        // Epoch numbers: seconds, or milliseconds when that large (Datadog's $DATE).
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) && epoch is > 0 and < 1e14)
        {
            return epoch >= 1e11 ? DateTimeOffset.FromUnixTimeMilliseconds((long)epoch) : DateTimeOffset.FromUnixTimeMilliseconds((long)(epoch * 1000));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.Year <= 1 ? null : parsed.ToUniversalTime();
        }
        errors.Add($"{at}.occurredAt", $"mapping.occurredAt found '{AlertmanagerPayload.Shorten(text, 40)}', which is neither an ISO 8601 time nor a Unix time.");
        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AlertAction? Fail(ValidationErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return null;
    }
}
