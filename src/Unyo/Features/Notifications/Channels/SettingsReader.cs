using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// Reads typed values out of a channel's settings object, adding an error that names the field
// (`settings.to[2]`) for every value of the wrong shape.
internal sealed class SettingsReader(JsonObject settings, ValidationErrors errors)
{
    public ValidationErrors Errors { get; } = errors;

    public JsonNode? Node(string name) => settings[name];

    public JsonNode? Text(string name, int max, bool required, Func<string, bool>? valid = null, string? rule = null)
    {
        var field = $"settings.{name}";
        var node = settings[name];
        if (node is null)
        {
            if (required)
            {
                Errors.Add(field, "is required.");
            }
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String || node.GetValue<string>().Trim() is not { Length: > 0 } text)
        {
            Errors.Add(field, "must be a non-empty text.");
            return null;
        }
        if (text.Length > max)
        {
            Errors.Add(field, $"must be at most {max} characters.");
            return null;
        }
        if (valid is not null && !valid(text))
        {
            Errors.Add(field, $"'{text}' {rule}");
            return null;
        }
        return text;
    }

    public JsonNode? OneOf(string name, string[] values) =>
        Text(name, 100, required: false, values.Contains, $"must be one of {string.Join(", ", values)}.");

    public JsonNode? Url(string name)
    {
        var text = (string?)Text(name, 2000, required: false);
        if (text is not null && NotificationChannelValidator.UrlProblem(text) is { } problem)
        {
            Errors.Add($"settings.{name}", problem);
            return null;
        }
        return text;
    }

    public JsonNode? List(string name, bool required, int max, string what, Func<string, bool> valid)
    {
        var field = $"settings.{name}";
        var node = settings[name];
        if (node is null || node is JsonArray { Count: 0 })
        {
            if (required)
            {
                Errors.Add(field, $"is required: at least one {what}.");
            }
            return null;
        }
        if (node is not JsonArray items)
        {
            Errors.Add(field, $"must be a list of {what}s.");
            return null;
        }
        if (items.Count > max)
        {
            Errors.Add(field, $"must have at most {max} entries.");
            return null;
        }
        var result = new JsonArray();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var text = item?.GetValueKind() == JsonValueKind.String ? item.GetValue<string>().Trim() : null;
            if (text is null || text.Length > 300 || !valid(text))
            {
                Errors.Add($"{field}[{i}]", $"must be {what}.");
            }
            else if (!seen.Add(text))
            {
                Errors.Add($"{field}[{i}]", $"'{text}' is listed twice.");
            }
            else
            {
                result.Add(text);
            }
        }
        return result;
    }
}
