using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Unyo.Client;
using Unyo.Hosting;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Unyo.Features.ConfigAsCode;

// Reads multi-document YAML into JSON nodes. Scalars follow the YAML 1.2 core schema (plain
// `true`, `42`, `null` are typed; quoted text is always a string), and the number of nodes is
// capped so that alias bombs cannot exhaust memory.
public static partial class YamlDocumentReader
{
    private const int MaxNodes = 200_000;

    public static List<ConfigDocument> Read(IEnumerable<ApplyFile> files, ValidationErrors errors)
    {
        var documents = new List<ConfigDocument>();
        foreach (var file in files)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(file.Content));
            }
            catch (YamlException exception)
            {
                errors.Add($"{file.Name} (line {exception.Start.Line})", $"is not valid YAML: {Innermost(exception).Message}");
                continue;
            }
            var index = 0;
            foreach (var document in stream.Documents)
            {
                index++;
                var root = document.RootNode;
                if (root is YamlScalarNode { Value: null or "" } || root is null)
                {
                    continue; // an empty document, such as after a trailing `---`
                }
                var line = (int)root.Start.Line;
                if (root is not YamlMappingNode)
                {
                    errors.Add($"{file.Name} (document {index}, line {line})", "must be a mapping with apiVersion, kind, metadata and spec.");
                    continue;
                }
                var lines = new Dictionary<string, int>(StringComparer.Ordinal);
                var budget = MaxNodes;
                try
                {
                    var json = (JsonObject)Convert(root, "", line, lines, ref budget)!;
                    documents.Add(new ConfigDocument(file.Name, index, line, json, lines));
                }
                catch (InvalidDataException exception)
                {
                    errors.Add($"{file.Name} (document {index}, line {line})", exception.Message);
                }
            }
        }
        return documents;
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;

    // `line` is where the field starts: the key's line, since a nested value begins below its key.
    private static JsonNode? Convert(YamlNode node, string path, int line, Dictionary<string, int> lines, ref int budget)
    {
        if (--budget < 0)
        {
            throw new InvalidDataException($"has more than {MaxNodes} nodes (aliases expanded); split it up.");
        }
        lines.TryAdd(path, line);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw new InvalidDataException($"line {keyNode.Start.Line}: mapping keys must be plain text.");
                    }
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    obj[key] = Convert(valueNode, child, (int)keyNode.Start.Line, lines, ref budget);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, $"{path}[{i++}]", (int)item.Start.Line, lines, ref budget));
                }
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new InvalidDataException($"line {node.Start.Line}: unsupported YAML node.");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
