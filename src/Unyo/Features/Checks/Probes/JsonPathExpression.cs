using System.Globalization;
using System.Text.Json;

namespace Unyo.Features.Checks.Probes;

// The small JSON path subset HTTP checks assert on: $ then .name, ['name'] or [index] steps. No
// wildcards, filters or recursion, so one path names at most one value and evaluating it cannot
// cost more than walking that many steps.
public sealed class JsonPathExpression : IEquatable<JsonPathExpression>
{
    public const int MaxLength = 500;
    private const int MaxIndex = 1_000_000;

    private readonly Step[] _steps;

    private JsonPathExpression(string text, Step[] steps) => (Text, _steps) = (text, steps);

    public string Text { get; }

    public static JsonPathExpression? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text[0] != '$')
        {
            error = $"must start with $ and be at most {MaxLength} characters, e.g. $.status or $.items[0].state.";
            return null;
        }
        var steps = new List<Step>();
        var i = 1;
        while (i < text.Length && error is null)
        {
            var step = text[i] switch
            {
                '.' => Name(text, ref i),
                '[' => Bracket(text, ref i),
                _ => null,
            };
            if (step is null)
            {
                error = $"'{text}' is not a path Unyo understands at character {i + 1}: use $ followed by .name, ['name'] or [index] steps.";
            }
            else
            {
                steps.Add(step.Value);
            }
        }
        return error is null ? new JsonPathExpression(text, [.. steps]) : null;
    }

    // Null when the body has no value at the path.
    public JsonElement? Find(JsonElement root)
    {
        var current = root;
        foreach (var step in _steps)
        {
            if (step.Name is { } name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }
            else if (current.ValueKind != JsonValueKind.Array || step.Index >= current.GetArrayLength())
            {
                return null;
            }
            else
            {
                current = current[step.Index];
            }
        }
        return current;
    }

    // A value as an assertion compares it: strings without quotes, the rest as JSON writes them.
    public static string TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    private static Step? Name(string text, ref int i)
    {
        var start = ++i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-' or '$'))
        {
            i++;
        }
        return i > start ? new Step(text[start..i], 0) : null;
    }

    private static Step? Bracket(string text, ref int i)
    {
        var open = i++;
        if (i < text.Length && text[i] is '\'' or '"')
        {
            // A quoted name runs to its closing quote, so it may hold dots and brackets.
            var end = text.IndexOf(text[i], i + 1);
            if (end < 0 || end + 1 >= text.Length || text[end + 1] != ']')
            {
                return null;
            }
            var name = text[(i + 1)..end];
            i = end + 2;
            return new Step(name, 0);
        }
        var close = text.IndexOf(']', open);
        var digits = close < 0 ? [] : text.AsSpan(open + 1, close - open - 1);
        if (digits.Length is > 0 and <= 7 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= MaxIndex)
        {
            i = close + 1;
            return new Step(null, index);
        }
        return null;
    }

    public bool Equals(JsonPathExpression? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as JsonPathExpression);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;

    private readonly record struct Step(string? Name, int Index);
}
