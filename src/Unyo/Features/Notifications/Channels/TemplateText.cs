using System.Text;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Channels;

// The whole template language: `{{name}}` is replaced by a value, nothing else is special. No
// expressions, no loops, no code: a template written by any team member cannot do more than
// rearrange the message. A line whose placeholders all come out empty is dropped, so "Resolve:
// {{resolveUrl}}" disappears from a message that has no resolve link.
public static class TemplateText
{
    public static readonly IReadOnlyList<string> Placeholders =
    [
        "summary", "service", "team", "severity", "urgency", "status", "source", "dedupKey", "alertId", "alertUrl",
        "runbookUrl", "acknowledgeUrl", "resolveUrl", "details", "occurrences", "occurredAt", "event", "channel",
    ];

    public static void Check(string text, string field, ValidationErrors errors)
    {
        foreach (var (name, problem) in Scan(text))
        {
            if (problem is not null)
            {
                errors.Add(field, problem);
                return;
            }
            if (!Placeholders.Contains(name))
            {
                errors.Add(field, $"'{{{{{name}}}}}' is not a known placeholder; use one of {string.Join(", ", Placeholders)}.");
                return;
            }
        }
    }

    // The template must have passed Check; value(name) gives a placeholder's text, already escaped
    // for the channel's format.
    public static string Render(string text, Func<string, string> value)
    {
        var output = new StringBuilder(text.Length + 256);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = RenderLine(lines[i], value, out var placeholders, out var filled);
            if (placeholders > 0 && filled == 0)
            {
                continue;
            }
            if (output.Length > 0)
            {
                output.Append('\n');
            }
            output.Append(line);
        }
        return output.ToString().Trim('\n');
    }

    private static string RenderLine(string line, Func<string, string> value, out int placeholders, out int filled)
    {
        (placeholders, filled) = (0, 0);
        var output = new StringBuilder(line.Length);
        var at = 0;
        while (at < line.Length)
        {
            var open = line.IndexOf("{{", at, StringComparison.Ordinal);
            var close = open < 0 ? -1 : line.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (open < 0 || close < 0)
            {
                output.Append(line, at, line.Length - at);
                break;
            }
            output.Append(line, at, open - at);
            var text = value(line[(open + 2)..close].Trim());
            placeholders++;
            filled += text.Length > 0 ? 1 : 0;
            output.Append(text);
            at = close + 2;
        }
        return output.ToString();
    }

    private static IEnumerable<(string Name, string? Problem)> Scan(string text)
    {
        var at = 0;
        while ((at = text.IndexOf("{{", at, StringComparison.Ordinal)) >= 0)
        {
            var close = text.IndexOf("}}", at + 2, StringComparison.Ordinal);
            var newline = text.IndexOf('\n', at + 2);
            if (close < 0 || (newline >= 0 && newline < close))
            {
                yield return ("", "has a '{{' without its closing '}}' on the same line.");
                yield break;
            }
            yield return (text[(at + 2)..close].Trim(), null);
            at = close + 2;
        }
    }
}
