using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// One field of a webhook mapping: where its value is read (a JSON path, or a list of paths tried
// in order: the first that finds something wins) or what it always is (a constant, for what a tool
// never sends), and for action and severity a map from the tool's words to Unyo's, with a default
// for a value that is missing.
public sealed partial record WebhookField(IReadOnlyList<JsonPath>? Paths, string? Constant, IReadOnlyDictionary<string, string>? Map, string? Default)
{
    public const int MaxPaths = 8;

    private static readonly string[] Keys = ["path", "const", "map", "default"];

    // `allowed`: the values a map may give (null: this field takes no map or default).
    public static WebhookField? Read(JsonElement element, string field, IReadOnlyCollection<string>? allowed, ValidationErrors errors)
    {
        if (element.ValueKind is JsonValueKind.String or JsonValueKind.Array)
        {
            return ReadPaths(element, field, errors) is { } only ? new WebhookField(only, null, null, null) : null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, "must be a JSON path such as \"$.title\", or an object with path (or const) and, for action and severity, map and default.");
            return null;
        }
        var before = errors.All.Count();
        foreach (var property in element.EnumerateObject().Where(p => !Keys.Contains(p.Name)))
        {
            errors.Add($"{field}.{property.Name}", "is not a known field; a mapping field has path, const, map and default.");
        }
        IReadOnlyList<JsonPath>? path = null;
        string? constant = null;
        if (element.TryGetProperty("path", out var pathText))
        {
            path = ReadPaths(pathText, $"{field}.path", errors);
        }
        if (element.TryGetProperty("const", out var constantValue))
        {
            constant = constantValue.ValueKind == JsonValueKind.String && constantValue.GetString() is { Length: > 0 and <= 1024 } text
                ? text
                : Fail<string>(errors, $"{field}.const", "must be a string of 1 to 1024 characters.");
        }
        if (path is not null && constant is not null)
        {
            errors.Add(field, "give path or const, not both.");
        }
        Dictionary<string, string>? map = null;
        string? fallback = null;
        if (allowed is null)
        {
            foreach (var name in new[] { "map", "default" }.Where(n => element.TryGetProperty(n, out _)))
            {
                errors.Add($"{field}.{name}", "is only for action and severity.");
            }
        }
        else
        {
            map = ReadMap(element, field, allowed, errors);
            if (element.TryGetProperty("default", out var defaultValue))
            {
                fallback = defaultValue.ValueKind == JsonValueKind.String && allowed.Contains(defaultValue.GetString()!)
                    ? defaultValue.GetString()
                    : Fail<string>(errors, $"{field}.default", $"must be one of {string.Join(", ", allowed)}.");
            }
            if (constant is not null && !allowed.Contains(constant))
            {
                errors.Add($"{field}.const", $"must be one of {string.Join(", ", allowed)}.");
            }
        }
        if (path is null && constant is null && fallback is null && !errors.Has($"{field}.path") && !errors.Has($"{field}.const"))
        {
            errors.Add(field, "needs a path or a const.");
        }
        return errors.All.Count() == before ? new WebhookField(path, constant, map, fallback) : null;
    }

    public JsonNode ToJson()
    {
        if (Paths is not null && Map is null && Default is null)
        {
            return PathsJson(Paths);
        }
        var json = new JsonObject();
        if (Paths is not null)
        {
            json["path"] = PathsJson(Paths);
        }
        if (Constant is not null)
        {
            json["const"] = Constant;
        }
        if (Map is not null)
        {
            json["map"] = new JsonObject(Map.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => KeyValuePair.Create(m.Key, (JsonNode?)JsonValue.Create(m.Value))));
        }
        if (Default is not null)
        {
            json["default"] = Default;
        }
        return json;
    }

    // The raw value for one alert, or null when the path finds nothing.
    public JsonElement? Find(JsonElement alert)
    {
        foreach (var path in Paths ?? [])
        {
            if (path.Find(alert) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    public string Describe() => Paths is null ? $"const {Constant}" : string.Join(", ", Paths.Select(p => p.Text));

    private static JsonNode PathsJson(IReadOnlyList<JsonPath> paths) =>
        paths.Count == 1 ? JsonValue.Create(paths[0].Text) : new JsonArray([.. paths.Select(p => (JsonNode)JsonValue.Create(p.Text))]);

    // The text for one alert: the constant, the value found (scalars as their text), or null.
    public string? TextOf(JsonElement alert)
    {
        if (Constant is not null)
        {
            return Constant;
        }
        return Find(alert) is { } value ? Scalar(value) : null;
    }

    // Through the map when there is one: a value the map does not name passes as it is.
    public string? MappedOf(JsonElement alert)
    {
        var text = TextOf(alert);
        if (text is null)
        {
            return Default;
        }
        return Map is not null && Map.TryGetValue(text, out var mapped) ? mapped : text;
    }

    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
