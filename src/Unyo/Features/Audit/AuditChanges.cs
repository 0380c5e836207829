using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Features.Audit;

// What an audit record changed, as people read it: the fields of an update, or the whole object
// of a create or delete, one field per line.
public static class AuditChanges
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyList<FieldChange> Fields(string? before, string? after)
    {
        var left = Parse(before);
        var right = Parse(after);
        if (left is null && right is null)
        {
            return [];
        }
        // Configuration objects are documents (metadata, spec); others are plain objects.
        static JsonObject AsDocument(JsonObject? value) =>
            value is null ? [] : value.ContainsKey("spec") || value.ContainsKey("metadata") ? value : new JsonObject { ["spec"] = value.DeepClone() };
        return DocumentDiff.Compare(AsDocument(left), AsDocument(right));
    }

    public static string Pretty(string json) =>
        Parse(json) is { } node ? node.ToJsonString(Indented) : json;

    private static JsonObject? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
