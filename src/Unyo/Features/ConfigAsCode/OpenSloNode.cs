using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Hosting;

namespace Unyo.Features.ConfigAsCode;

// One mapping inside an OpenSLO document, read strictly: a missing required field, a wrong type
// or a field OpenSLO v1 does not have is an error that names the document and the field's path.
public sealed class OpenSloNode(ConfigDocument document, string path, JsonObject value, ValidationErrors errors)
{
    public ConfigDocument Document => document;

    public string Path => path;

    public JsonObject Value => value;

    public static OpenSloNode Root(ConfigDocument document, ValidationErrors errors) => new(document, "", document.Root, errors);

    public string At(string key) => path.Length == 0 ? key : $"{path}.{key}";

    public FieldOrigin Origin(string? key = null) => new(document, key is null ? path : At(key));

    public void Error(string key, string message) => errors.Add(document.Locate(At(key)), message);

    // Reports an error on this mapping itself.
    public void Fail(string message) => errors.Add(document.Locate(path), message);

    public bool Has(string key) => value[key] is not null;

    public void Known(string what, params string[] keys)
    {
        foreach (var (key, _) in value)
        {
            if (!keys.Contains(key, StringComparer.Ordinal))
            {
                Error(key, $"is not a field of {what} in OpenSLO v1 ({string.Join(", ", keys)}).");
            }
        }
    }

    public string? Text(string key, bool required = false) =>
        Present(key, required) is { } node
            ? node is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : Wrong<string>(key, "must be text.")
            : null;

    // Numbers are read from their text, so that 0.999 stays 0.999 rather than a binary fraction.
    public decimal? Number(string key, bool required = false) =>
        Present(key, required) is { } node
            ? node is JsonValue number && number.GetValueKind() == JsonValueKind.Number
                && decimal.TryParse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var result) ? result : Wrong<decimal?>(key, "must be a number.")
            : null;

    public bool? Bool(string key) =>
        Present(key, required: false) is { } node
            ? node is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? flag.GetValue<bool>() : Wrong<bool?>(key, "must be true or false.")
            : null;

    public OpenSloNode? Object(string key, bool required = false) =>
        Present(key, required) is { } node
            ? node is JsonObject child ? new OpenSloNode(document, At(key), child, errors) : Wrong<OpenSloNode>(key, "must be a mapping.")
            : null;

    // The mappings of a list; an item that is not a mapping is reported and left out.
    public List<OpenSloNode>? Items(string key, bool required = false)
    {
        if (Present(key, required) is not { } node)
        {
            return null;
        }
        if (node is not JsonArray array)
        {
            return Wrong<List<OpenSloNode>>(key, "must be a list.");
        }
        var items = new List<OpenSloNode>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                items.Add(new OpenSloNode(document, $"{At(key)}[{i}]", item, errors));
            }
            else
            {
                Error($"{key}[{i}]", "must be a mapping.");
            }
        }
        return items;
    }

    // The field's value; a missing one (or YAML null) is reported when it is required.
    private JsonNode? Present(string key, bool required)
    {
        if (value[key] is null && required)
        {
            Error(key, "is required.");
        }
        return value[key];
    }

    private T? Wrong<T>(string key, string message)
    {
        Error(key, message);
        return default;
    }

    // `metadata.annotations` of this metadata mapping: keys under unyo.dev/ must be ones Unyo reads
    // (a misspelt one would otherwise be ignored without a word); others belong to other tools.
    public Dictionary<string, (string Value, FieldOrigin Origin)> UnyoAnnotations(params string[] known)
    {
        var result = new Dictionary<string, (string, FieldOrigin)>(StringComparer.Ordinal);
        if (Object("annotations") is not { } annotations)
        {
            return result;
        }
        foreach (var (key, _) in annotations.Value)
        {
            if (!key.StartsWith(OpenSlo.AnnotationPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                annotations.Error(key, known.Length == 0
                    ? "is not an annotation Unyo reads on this kind."
                    : $"is not an annotation Unyo reads on this kind ({string.Join(", ", known)}).");
            }
            else if (annotations.Text(key) is { } text)
            {
                result[key] = (text, annotations.Origin(key));
            }
        }
        return result;
    }
}
