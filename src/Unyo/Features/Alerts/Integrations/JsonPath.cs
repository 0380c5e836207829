using System.Text;
using System.Text.Json;

namespace Unyo.Features.Alerts.Integrations;

// The small, safe subset of JSONPath that webhook mappings use: `$`, `.name`, `['any key']`,
// `["any key"]`, `[2]` and, for the list of alerts only, a final `[*]`. No filters, no recursion,
// no scripts: a path walks at most MaxSegments steps down one document, so evaluating it costs
// no more than reading the value.
public sealed class JsonPath
{
    public const int MaxLength = 512;
    public const int MaxSegments = 32;

    private readonly object[] _segments;

    private JsonPath(string text, object[] segments, bool wildcard)
    {
        Text = text;
        _segments = segments;
        EndsWithWildcard = wildcard;
    }

    public string Text { get; }

    // `$.items[*]`: the path names a list whose items are taken one by one.
    public bool EndsWithWildcard { get; }

    // Null with the reason when the text is not a path of the subset.
    public static JsonPath? Parse(string text, bool allowWildcard, out string? error)
    {
        error = null;
        if (text.Length > MaxLength)
        {
            error = $"must be at most {MaxLength} characters.";
            return null;
        }
        if (!text.StartsWith('$'))
        {
            error = $"'{text}' must be a JSON path starting with $, such as $.title or $['alert name'].";
            return null;
        }
        var segments = new List<object>();
        var wildcard = false;
        var i = 1;
        while (i < text.Length)
        {
            if (wildcard)
            {
                error = $"'{text}': [*] may only end the path.";
                return null;
            }
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-' or '$' or '@'))
                {
                    i++;
                }
                if (i == start)
                {
                    error = $"'{text}': a name must follow '.' at position {start} (use ['…'] for other characters).";
                    return null;
                }
                segments.Add(text[start..i]);
            }
            else if (text[i] == '[' && i + 1 < text.Length && text[i + 1] is '\'' or '"')
            {
                var quote = text[i + 1];
                var name = new StringBuilder();
                i += 2;
                while (i < text.Length && text[i] != quote)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }
                    name.Append(text[i++]);
                }
                if (i + 1 >= text.Length || text[i + 1] != ']')
                {
                    error = $"'{text}': a quoted name must end with {quote}].";
                    return null;
                }
                i += 2;
                segments.Add(name.ToString());
            }
            else if (text[i] == '[')
            {
                var end = text.IndexOf(']', i);
                var inside = end < 0 ? "" : text[(i + 1)..end];
                if (inside == "*")
                {
                    if (!allowWildcard)
                    {
                        error = $"'{text}': [*] is only for the alerts path.";
                        return null;
                    }
                    wildcard = true;
                }
                else if (inside.Length is > 0 and <= 6 && inside.All(char.IsAsciiDigit))
                {
                    segments.Add(int.Parse(inside, System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    error = $"'{text}': brackets hold an index such as [0], a quoted name such as ['key'] or [*].";
                    return null;
                }
                i = end + 1;
            }
            else
            {
                error = $"'{text}': unexpected '{text[i]}' at position {i}.";
                return null;
            }
            if (segments.Count > MaxSegments)
            {
                error = $"'{text}' has more than {MaxSegments} steps.";
                return null;
            }
        }
        return new JsonPath(text, [.. segments], wildcard);
    }

    // The value at the path, or null when any step is missing (a JSON null counts as missing).
    public JsonElement? Find(JsonElement root)
    {
        var current = root;
        foreach (var segment in _segments)
        {
            if (segment is string name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }
            else
            {
                var index = (int)segment;
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }
                current = current[index];
            }
        }
        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    public override string ToString() => Text;
}
