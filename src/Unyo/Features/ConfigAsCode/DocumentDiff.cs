using System.Text.Json.Nodes;
using Unyo.Client;

namespace Unyo.Features.ConfigAsCode;

// Field-by-field differences between two canonical documents, for the plan.
public static class DocumentDiff
{
    public static List<FieldChange> Compare(JsonObject before, JsonObject after)
    {
        var left = Flatten(before);
        var right = Flatten(after);
        return [.. left.Keys.Union(right.Keys).Order(StringComparer.Ordinal)
            .Select(path => new FieldChange(path, left.GetValueOrDefault(path), right.GetValueOrDefault(path)))
            .Where(c => c.Before != c.After)];
    }

    // Scalars and lists of scalars become one entry each (`spec.tags: [a, b]`); objects and lists
    // of objects are walked (`spec.links[0].url`).
    public static Dictionary<string, string> Flatten(JsonObject document)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in document)
        {
            if (key is "metadata" or "spec" && value is JsonObject section)
            {
                Walk(section, key, result);
            }
        }
        return result;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string> result)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Walk(value, $"{path}.{key}", result);
                }
                return;
            case JsonArray array when array.Any(item => item is JsonObject or JsonArray):
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", result);
                }
                return;
            case JsonArray array:
                result[path] = $"[{string.Join(", ", array.Select(item => item?.ToString()))}]";
                return;
            default:
                result[path] = node.ToString();
                return;
        }
    }
}
