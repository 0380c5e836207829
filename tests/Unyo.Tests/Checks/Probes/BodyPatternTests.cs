using System.Diagnostics;
using Unyo.Features.Checks.Probes;

namespace Unyo.Tests.Checks.Probes;

public sealed class BodyPatternTests
{
    // Under a backtracking engine each of these takes exponential time on the input below; the
    // NonBacktracking engine answers in time linear to it.
    [Theory]
    [InlineData("^(a+)+$")]
    [InlineData("^(a*)*$")]
    [InlineData("^(a|a)*$")]
    [InlineData(@"^(\w+\s?)*$")]
    public void NestedQuantifiersRunInLinearTime(string nested)
    {
        var pattern = BodyPattern.Create(nested, out var error);
        Assert.Null(error);
        var input = new string('a', 100_000) + "!";

        var watch = Stopwatch.StartNew();
        var matched = pattern!.Regex.IsMatch(input);

        Assert.False(matched);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.Equal(BodyPattern.MatchTimeout, pattern.Regex.MatchTimeout);
    }

    [Theory]
    [InlineData("(?=a)b", "lookahead")]
    [InlineData("(?<!a)b", "lookbehind")]
    [InlineData(@"(a)\1", "backreference")]
    [InlineData("(?>a+)", "atomic")]
    [InlineData("(?(a)b|c)", "conditional")]
    public void ConstructsThatNeedBacktrackingAreRefusedNamingThem(string pattern, string construct)
    {
        Assert.Null(BodyPattern.Create(pattern, out var error));
        Assert.StartsWith("cannot be run in time linear to the body", error);
        Assert.Contains(construct, error);
    }

    [Fact]
    public void PatternsCompareByTheirText()
    {
        var a = BodyPattern.Create("ok|fine", out _);
        var b = BodyPattern.Create("ok|fine", out _);

        Assert.Equal(a, b);
        Assert.Equal(a!.GetHashCode(), b!.GetHashCode());
        Assert.NotEqual(a, BodyPattern.Create("ok", out _));
    }
}
