using System.Text.Json.Nodes;

namespace Unyo.Features.ConfigAsCode;

// One YAML document of a file, converted to JSON nodes, with the line of every field so that
// errors can say where they are.
public sealed record ConfigDocument(string File, int Index, int Line, JsonObject Root, IReadOnlyDictionary<string, int> Lines)
{
    public string? ApiVersion => Text(Root["apiVersion"]);
    public string? Kind => Text(Root["kind"]);
    public JsonObject? Metadata => Root["metadata"] as JsonObject;
    public string? Name => Text(Metadata?["name"]);
    public JsonObject Spec => Root["spec"] as JsonObject ?? [];

    // "services.yaml (document 2, line 14): spec.tier" — the key of an error about `path`.
    public string Locate(string path)
    {
        var probe = path;
        while (!Lines.ContainsKey(probe) && probe.Length > 0)
        {
            var cut = Math.Max(probe.LastIndexOf('.'), probe.LastIndexOf('['));
            probe = cut > 0 ? probe[..cut] : "";
        }
        var line = Lines.TryGetValue(probe, out var l) ? l : Line;
        return $"{File} (document {Index}, line {line}): {path}";
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
