using Unyo.Hosting;

namespace Unyo.Components;

// The validators key errors by request path (`links[2].url`, `tags[0]`); a form holds each list
// in one input, so its errors go next to that input and name the line they are about.
public static class FormErrors
{
    public static Dictionary<string, string[]> ByInput(ValidationErrors errors) =>
        errors.All
            .Select(e => Split(e.Field, e.Message))
            .GroupBy(e => e.Input, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    private static (string Input, string Message) Split(string field, string message)
    {
        var open = field.IndexOf('[', StringComparison.Ordinal);
        var close = field.IndexOf(']', StringComparison.Ordinal);
        if (open < 0 || close < open || !int.TryParse(field[(open + 1)..close], out var index))
        {
            return (field, message);
        }
        var input = field[..open];
        var part = field[(close + 1)..].TrimStart('.');
        var where = input is "links" or "groupMappings" ? $"line {index + 1}" : $"item {index + 1}";
        return (input, part.Length == 0 ? $"{where}: {message}" : $"{where}, {part}: {message}");
    }
}
