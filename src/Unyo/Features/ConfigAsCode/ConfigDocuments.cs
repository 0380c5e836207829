using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Hosting;

namespace Unyo.Features.ConfigAsCode;

// Helpers that kinds share to read a document strictly and to write canonical ones.
public static class ConfigDocuments
{
    public const string ApiVersion = "unyo.dev/v1";

    private static readonly JsonSerializerOptions Strict = CreateStrict();

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);
        return options;
    }

    // Checks metadata: `name` always, `team` when the kind is owned by a team, nothing else.
    public static (string? Name, string? Team) ReadMetadata(ConfigDocument document, bool owned, Action<string, string> error)
    {
        if (document.Root["metadata"] is not JsonObject metadata)
        {
            error("metadata", "is required: a mapping with name" + (owned ? " and team." : "."));
            return (null, null);
        }
        foreach (var (key, _) in metadata)
        {
            if (key != "name" && !(owned && key == "team"))
            {
                error($"metadata.{key}", key == "team" ? $"is not used by kind {document.Kind}." : "is not a known field.");
            }
        }
        var name = Text(metadata, "name", "metadata.name", error);
        var team = owned ? Text(metadata, "team", "metadata.team", error) : null;
        if (name is null)
        {
            error("metadata.name", "is required.");
        }
        if (owned && team is null)
        {
            error("metadata.team", "is required: the slug of the owning team.");
        }
        return (name, team);
    }

    // Metadata of a kind that belongs to the team of what it refers to (an SLO to its service's):
    // only a name; `teamRule` says why there is no `metadata.team`.
    public static string? ReadName(ConfigDocument document, string teamRule, Action<string, string> error) =>
        ReadMetadata(document, owned: false, (path, message) => error(path, path == "metadata.team" ? teamRule : message)).Name;

    // Reports a validator's errors where they are in the document: the name under metadata, every
    // other field under spec.
    public static void Report(ValidationErrors errors, Action<string, string> error)
    {
        foreach (var (field, message) in errors.All)
        {
            error(field == "name" ? "metadata.name" : $"spec.{field}", message);
        }
    }

    // Deserializes `spec` into T, refusing unknown fields and wrong types.
    public static T? ReadSpec<T>(ConfigDocument document, Action<string, string> error) where T : class, new()
    {
        if (document.Root["spec"] is null)
        {
            return new T();
        }
        if (document.Root["spec"] is not JsonObject spec)
        {
            error("spec", "must be a mapping.");
            return null;
        }
        try
        {
            return spec.Deserialize<T>(Strict) ?? new T();
        }
        catch (JsonException exception)
        {
            var field = JsonErrors.FieldFromPath(exception.Path);
            error(field == "body" ? "spec" : $"spec.{field}", JsonErrors.Describe(exception));
            return null;
        }
    }

    public static JsonObject Document(string kind, JsonObject metadata, JsonObject spec) => new()
    {
        ["apiVersion"] = ApiVersion,
        ["kind"] = kind,
        ["metadata"] = metadata,
        ["spec"] = spec,
    };

    // Adds a value unless it is null or an empty list, so canonical documents stay minimal.
    public static JsonObject With(this JsonObject obj, string key, object? value)
    {
        JsonNode? node = value switch
        {
            null => null,
            string s => JsonValue.Create(s),
            int i => JsonValue.Create(i),
            bool b => JsonValue.Create(b),
            JsonNode n => n,
            _ => JsonSerializer.SerializeToNode(value, Strict),
        };
        if (node is not null && !(node is JsonArray { Count: 0 }))
        {
            obj[key] = node;
        }
        return obj;
    }

    private static string? Text(JsonObject metadata, string key, string path, Action<string, string> error)
    {
        var node = metadata[key];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }
        error(path, "must be text.");
        return null;
    }
}
