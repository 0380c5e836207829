using System.Text.Json;
using Unyo.Features.Alerts.PagerDuty;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Native;

// The fields of one native event, read with their path prefix so each error names its place.
internal readonly struct NativeFields(JsonElement item, string at, ValidationErrors errors)
{
    private const int MaxLabelName = 128;
    private const int MaxLabelValue = 1024;
    private const int MaxDetails = 65_536;

    // A string field, or null when absent or null; anything else is an error (and reads as null).
    public string? Text(string name)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(at + name, "must be a string.");
            return null;
        }
        return value.GetString();
    }

    public T? Fail<T>(string name, string message) where T : struct
    {
        errors.Add(at + name, message);
        return null;
    }

    public Dictionary<string, string> Labels()
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!item.TryGetProperty("labels", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return labels;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at + "labels", "must be an object of names to text values.");
            return labels;
        }
        foreach (var label in value.EnumerateObject())
        {
            if (label.Name.Length is 0 or > MaxLabelName)
            {
                errors.Add($"{at}labels", $"a label name must be 1 to {MaxLabelName} characters.");
            }
            else if (label.Value.ValueKind != JsonValueKind.String || label.Value.GetString()!.Length > MaxLabelValue)
            {
                errors.Add($"{at}labels.{label.Name}", $"must be text of at most {MaxLabelValue} characters.");
            }
            else
            {
                labels[label.Name] = label.Value.GetString()!;
            }
        }
        // Stored as one JSON text of at most 16 KB; the limit is said here rather than met in the database.
        if (labels.Sum(l => l.Key.Length + l.Value.Length + 6) > 16_000)
        {
            errors.Add(at + "labels", "are too long together: at most about 16,000 characters of names and values.");
        }
        if (labels.Count > NativeAlertParser.MaxLabels)
        {
            errors.Add(at + "labels", $"at most {NativeAlertParser.MaxLabels} labels are accepted.");
        }
        return labels;
    }

    public List<AlertLink> Links()
    {
        var links = new List<AlertLink>();
        if (!item.TryGetProperty("links", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return links;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(at + "links", "must be an array of {href, text}.");
            return links;
        }
        var index = 0;
        foreach (var link in value.EnumerateArray())
        {
            var href = link.ValueKind == JsonValueKind.Object ? PagerDutyLinks.HttpUrl(PagerDutyEventParser.Text(link, "href")) : null;
            if (href is null)
            {
                errors.Add($"{at}links[{index}].href", "must be an http or https URL of at most 2048 characters.");
            }
            else
            {
                var text = PagerDutyEventParser.Text(link, "text");
                links.Add(new AlertLink(href, text is { Length: > 200 } ? text[..200] : text));
            }
            index++;
        }
        if (links.Sum(l => l.Href.Length + (l.Text?.Length ?? 0) + 20) > 16_000)
        {
            errors.Add(at + "links", "are too long together: at most about 16,000 characters of addresses and texts.");
        }
        if (index > NativeAlertParser.MaxLinks)
        {
            errors.Add(at + "links", $"at most {NativeAlertParser.MaxLinks} links are accepted.");
        }
        return links;
    }

    // Details are kept as the JSON object the sender wrote.
    public string? Details()
    {
        if (!item.TryGetProperty("details", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at + "details", "must be a JSON object.");
            return null;
        }
        var text = value.GetRawText();
        if (text.Length > MaxDetails)
        {
            errors.Add(at + "details", $"must be at most {MaxDetails} characters of JSON (got {text.Length}).");
            return null;
        }
        return text;
    }
}
