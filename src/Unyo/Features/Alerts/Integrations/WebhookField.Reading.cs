using System.Text.Json;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// Reading the parts of a mapping field: its paths and its value map.
public sealed partial record WebhookField
{
    private static Dictionary<string, string>? ReadMap(JsonElement element, string field, IReadOnlyCollection<string> allowed, ValidationErrors errors)
    {
        if (!element.TryGetProperty("map", out var map))
        {
            return null;
        }
        if (map.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{field}.map", "must be an object from the tool's values to Unyo's, such as {\"ok\": \"resolve\"}.");
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in map.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.String && allowed.Contains(entry.Value.GetString()!))
            {
                result[entry.Name] = entry.Value.GetString()!;
            }
            else
            {
                errors.Add($"{field}.map.{entry.Name}", $"must be one of {string.Join(", ", allowed)}.");
            }
        }
        return result;
    }

    private static List<JsonPath>? ReadPaths(JsonElement element, string field, ValidationErrors errors)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return ReadPath(element.GetString()!, field, errors) is { } one ? [one] : null;
        }
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() is 0 or > MaxPaths)
        {
            errors.Add(field, $"must be a JSON path or a list of 1 to {MaxPaths} paths tried in order.");
            return null;
        }
        var paths = new List<JsonPath>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add($"{field}[{index}]", "must be a JSON path.");
            }
            else if (ReadPath(item.GetString()!, $"{field}[{index}]", errors) is { } path)
            {
                paths.Add(path);
            }
            index++;
        }
        return paths.Count == index ? paths : null;
    }

    private static JsonPath? ReadPath(string text, string field, ValidationErrors errors)
    {
        var path = JsonPath.Parse(text, allowWildcard: false, out var error);
        if (path is null)
        {
            errors.Add(field, error!);
        }
        return path;
    }

    private static T? Fail<T>(ValidationErrors errors, string field, string message) where T : class
    {
        errors.Add(field, message);
        return null;
    }
}
