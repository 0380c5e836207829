using System.Text.RegularExpressions;

namespace Unyo.Features.Checks.Probes;

// An HTTP check's body regex, made safe to run on bodies that a target controls.
//
// The safety rule: a pattern is run by .NET's NonBacktracking engine, whose matching time grows
// linearly with the body whatever the pattern is, so nested quantifiers such as (a+)+ or (a|a)*
// cannot backtrack catastrophically. Constructs only a backtracking engine can run (lookarounds,
// backreferences, atomic groups, conditionals) are refused at validation, as are patterns whose
// automaton would pass the engine's size limit (x{100000}). The match still gets a timeout of
// MatchTimeout, for bodies so large that even a linear scan is too slow. This replaces heuristics
// that guess at catastrophic shapes: they miss some and refuse harmless ones.
public sealed class BodyPattern : IEquatable<BodyPattern>
{
    public const int MaxLength = 1000;
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    // Internal for tests that need a regex with another timeout.
    internal BodyPattern(string pattern, Regex regex) => (Pattern, Regex) = (pattern, regex);

    public string Pattern { get; }

    public Regex Regex { get; }

    // Null, with the reason in error, when the pattern does not parse or cannot run safely.
    public static BodyPattern? Create(string pattern, out string? error)
    {
        error = null;
        try
        {
            // Parsed first the ordinary way, so a syntax error reads as .NET reports it (with the offset).
            _ = new Regex(pattern, RegexOptions.None, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            error = $"is not a valid .NET regular expression: {e.Message}";
            return null;
        }
        try
        {
            return new BodyPattern(pattern, new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout));
        }
        catch (NotSupportedException e)
        {
            error = "cannot be run in time linear to the body, which Unyo requires of patterns run on answers a target controls "
                + $"(no lookarounds, backreferences, atomic groups or conditionals, no huge repetition counts): {e.Message}";
            return null;
        }
    }

    public bool Equals(BodyPattern? other) => other is not null && string.Equals(Pattern, other.Pattern, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as BodyPattern);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Pattern);

    public override string ToString() => Pattern;
}
