using System.Text;

namespace Unyo.Features.Alerts.Matching;

// Reading amtool's string form of a matcher.
public static partial class LabelMatchers
{
    // amtool's form: name, an operator, then the value, bare or in double quotes with \" and \\ escapes.
    internal static bool TryParse(string text, out (string Name, MatchOp Op, string Value) parsed, out string? problem)
    {
        parsed = default;
        problem = null;
        var trimmed = text.Trim();
        var at = trimmed.IndexOfAny(['=', '!']);
        if (at <= 0)
        {
            problem = $"'{Short(trimmed)}' is not a matcher: write name=value, name!=value, name=~regex or name!~regex.";
            return false;
        }
        var name = trimmed[..at].Trim();
        var rest = trimmed[at..];
        var (op, length) = rest switch
        {
            _ when rest.StartsWith("=~", StringComparison.Ordinal) => (MatchOp.Regex, 2),
            _ when rest.StartsWith("!~", StringComparison.Ordinal) => (MatchOp.NotRegex, 2),
            _ when rest.StartsWith("!=", StringComparison.Ordinal) => (MatchOp.NotEqual, 2),
            _ when rest.StartsWith('=') => (MatchOp.Equal, 1),
            _ => (MatchOp.Equal, 0),
        };
        if (length == 0)
        {
            problem = $"'{Short(trimmed)}' has no operator: use =, !=, =~ or !~.";
            return false;
        }
        var value = rest[length..].Trim();
        if (value.Length >= 1 && value[0] == '"')
        {
            if (!Unquote(value, out var unquoted))
            {
                problem = $"'{Short(trimmed)}': the quoted value is not closed or has a stray quote.";
                return false;
            }
            value = unquoted;
        }
        parsed = (name, op, value);
        return true;
    }

    private static bool Unquote(string quoted, out string value)
    {
        var builder = new StringBuilder();
        for (var i = 1; i < quoted.Length; i++)
        {
            var c = quoted[i];
            if (c == '\\' && i + 1 < quoted.Length)
            {
                var next = quoted[++i];
                builder.Append(next switch { 'n' => '\n', 't' => '\t', _ => next });
            }
            else if (c == '"')
            {
                value = builder.ToString();
                return i == quoted.Length - 1;
            }
            else
            {
                builder.Append(c);
            }
        }
        value = "";
        return false;
    }

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
