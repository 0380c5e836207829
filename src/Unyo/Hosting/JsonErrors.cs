using System.Text.Json;
using System.Text.RegularExpressions;

namespace Unyo.Hosting;

// Says which field a System.Text.Json error is about and why, in words a user can act on.
public static partial class JsonErrors
{
    // `$.links[0].url` becomes `links[0].url`; the root becomes `body`.
    public static string FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    public static string Describe(JsonException json)
    {
        var message = json.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "is not a known field.";
        }
        var converted = ConvertedTo().Match(message);
        if (converted.Success)
        {
            return $"has the wrong type: expected {Expected(converted.Groups[1].Value)}.";
        }
        var position = json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : "";
        return $"is not valid JSON{position}.";
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal) => "a number",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("DateTimeOffset", StringComparison.Ordinal) => "an RFC 3339 timestamp",
        _ when type.Contains("List", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal) => "a list",
        _ when type.Contains("String", StringComparison.Ordinal) => "a string",
        _ => "an object",
    };

    [GeneratedRegex(@"could not be converted to (\S+?)\.? Path")]
    private static partial Regex ConvertedTo();
}
