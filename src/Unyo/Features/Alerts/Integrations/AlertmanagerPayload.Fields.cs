using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// Reading the single fields of a payload, and making values fit where they are stored.
public static partial class AlertmanagerPayload
{
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
