using System.Text.RegularExpressions;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Matching;

// Reads matchers from requests (objects or amtool's string form) with field errors, and from
// their stored string form. Limits keep one matcher cheap to run thousands of times a second.
public static partial class LabelMatchers
{
    public const int MaxValueLength = 1024;
    public const int MaxNameLength = 128;
    public const int MaxCount = 32;

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static List<LabelMatcher> Read(IReadOnlyList<LabelMatcherRequest?>? requests, string field, ValidationErrors errors)
    {
        var matchers = new List<LabelMatcher>();
        if (requests is null)
        {
            return matchers;
        }
        if (requests.Count > MaxCount)
        {
            errors.Add(field, $"must hold at most {MaxCount} matchers.");
            return matchers;
        }
        for (var i = 0; i < requests.Count; i++)
        {
            if (Read(requests[i], $"{field}[{i}]", errors) is { } matcher)
            {
                matchers.Add(matcher);
            }
        }
        return matchers;
    }

    public static LabelMatcher? Read(LabelMatcherRequest? request, string field, ValidationErrors errors)
    {
        if (request is null)
        {
            errors.Add(field, "is required: an object {name, op, value} or a string such as service=\"checkout\".");
            return null;
        }
        if (request.Expression is { } expression)
        {
            return TryParse(expression, out var parsed, out var problem) ? Create(parsed.Name, parsed.Op, parsed.Value, field, errors) : Error(errors, field, problem);
        }
        var op = request.Op switch
        {
            null or "=" => MatchOp.Equal,
            "!=" => MatchOp.NotEqual,
            "=~" => MatchOp.Regex,
            "!~" => MatchOp.NotRegex,
            _ => (MatchOp?)null,
        };
        if (op is null)
        {
            errors.Add($"{field}.op", $"'{request.Op}' is not an operator: use =, !=, =~ or !~.");
        }
        if (request.Value is null)
        {
            errors.Add($"{field}.value", "is required (\"\" matches alerts without the label).");
        }
        var name = CheckName(request.Name, $"{field}.name", errors);
        return name is null || op is null || request.Value is null ? null : Create(name, op.Value, request.Value, field, errors, $"{field}.value");
    }

    // A stored matcher was valid when it was written; a failure here is a bug, so it throws.
    public static LabelMatcher FromStored(string text) =>
        TryParse(text, out var parsed, out var problem) && Compile(parsed.Op, parsed.Value, out var regex, out _)
            ? new LabelMatcher(parsed.Name, parsed.Op, parsed.Value, regex)
            : throw new InvalidOperationException($"Stored matcher '{text}' cannot be read: {problem}");

    // Alertmanager's rule for silences: a set whose every matcher also matches "" would match
    // alerts that lack all those labels, which is (nearly) everything.
    public static bool MatchesEverything(IReadOnlyList<LabelMatcher> matchers) => matchers.All(m => m.Matches(""));

    private static LabelMatcher? Create(string name, MatchOp op, string value, string field, ValidationErrors errors, string? valueField = null)
    {
        if (CheckName(name, valueField is null ? field : $"{field}.name", errors) is null)
        {
            return null;
        }
        if (value.Length > MaxValueLength)
        {
            return Error(errors, valueField ?? field, $"must be at most {MaxValueLength} characters.");
        }
        if (!Compile(op, value, out var regex, out var problem))
        {
            return Error(errors, valueField ?? field, $"not a valid regular expression: {problem}");
        }
        return new LabelMatcher(name, op, value, regex);
    }

    private static string? CheckName(string? name, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(field, "is required: the label name.");
            return null;
        }
        if (name.Length > MaxNameLength || !LabelName().IsMatch(name))
        {
            errors.Add(field, $"'{(name.Length > 40 ? name[..40] + "…" : name)}' is not a label name: letters, digits and underscores, not starting with a digit, at most {MaxNameLength} characters.");
            return null;
        }
        return name;
    }

    private static bool Compile(MatchOp op, string value, out Regex? regex, out string? problem)
    {
        regex = null;
        problem = null;
        if (op is MatchOp.Equal or MatchOp.NotEqual)
        {
            return true;
        }
        try
        {
            // Anchored as in Alertmanager and Prometheus; CultureInvariant so every node agrees.
            regex = new Regex($"^(?:{value})$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, LabelMatcher.RegexTimeout);
            return true;
        }
        catch (ArgumentException exception)
        {
            problem = exception.Message;
            return false;
        }
        catch (NotSupportedException exception)
        {
            // The non-backtracking engine refuses backreferences and lookarounds (as RE2 does).
            problem = exception.Message;
            return false;
        }
    }

    private static LabelMatcher? Error(ValidationErrors errors, string field, string? message)
    {
        errors.Add(field, message ?? "is not a matcher.");
        return null;
    }
}
