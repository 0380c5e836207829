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

    // Set on documents translated from OpenSLO: the field each Unyo field came from, possibly in
    // another document (an AlertCondition the SLO refers to), so that an error found on the Unyo
    // form names what the user wrote. A path without an entry takes its closest parent's.
    public IReadOnlyDictionary<string, FieldOrigin>? Origins { get; init; }

    // "services.yaml (document 2, line 14): spec.tier" — the key of an error about `path`.
    public string Locate(string path)
    {
        if (Origins is not null)
        {
            for (var probe = path; ; probe = Parent(probe))
            {
                if (Origins.TryGetValue(probe, out var origin))
                {
                    return origin.Document.Locate(origin.Path);
                }
                if (probe.Length == 0)
                {
                    break;
                }
            }
        }
        var known = path;
        while (!Lines.ContainsKey(known) && known.Length > 0)
        {
            known = Parent(known);
        }
        var line = Lines.TryGetValue(known, out var l) ? l : Line;
        return $"{File} (document {Index}, line {line}): {path}";
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut > 0 ? path[..cut] : "";
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
