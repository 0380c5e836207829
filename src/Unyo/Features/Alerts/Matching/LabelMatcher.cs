using System.Text.RegularExpressions;

namespace Unyo.Features.Alerts.Matching;

// One label matcher with Alertmanager's semantics: `name=value`, `name!=value`, `name=~regex`,
// `name!~regex`. Regular expressions are anchored at both ends and run on the non-backtracking
// engine (linear in the input), with a timeout as a last guard. A missing label is "", so
// `name=""` matches alerts without it and `name!~".+"` too. Build one with LabelMatchers.
public sealed class LabelMatcher
{
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    private readonly Regex? _regex;

    internal LabelMatcher(string name, MatchOp op, string value, Regex? regex)
    {
        Name = name;
        Op = op;
        Value = value;
        _regex = regex;
    }

    public string Name { get; }
    public MatchOp Op { get; }
    public string Value { get; }

    public bool Matches(AlertFacts facts) => Matches(facts.Label(Name));

    public bool Matches(string value) => Op switch
    {
        MatchOp.Equal => string.Equals(value, Value, StringComparison.Ordinal),
        MatchOp.NotEqual => !string.Equals(value, Value, StringComparison.Ordinal),
        MatchOp.Regex => IsMatch(value),
        _ => !IsMatch(value),
    };

    // A regex that times out (it cannot on this engine, but labels come from outside) counts as
    // no match: a silence then does not hide the alert, which is the safe side.
    private bool IsMatch(string value)
    {
        try
        {
            return _regex!.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return Op == MatchOp.NotRegex;
        }
    }

    public static string Symbol(MatchOp op) => op switch
    {
        MatchOp.Equal => "=",
        MatchOp.NotEqual => "!=",
        MatchOp.Regex => "=~",
        _ => "!~",
    };

    // The string form, as amtool and Alertmanager's UI write it: name="value" with the value quoted.
    public override string ToString() => $"{Name}{Symbol(Op)}\"{Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
}
