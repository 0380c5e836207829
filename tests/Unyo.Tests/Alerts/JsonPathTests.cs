using System.Text.Json;
using Unyo.Features.Alerts.Integrations;

namespace Unyo.Tests.Alerts;

public sealed class JsonPathTests
{
    private static readonly JsonElement Document = JsonDocument.Parse("""
        {"a": {"b": "deep", "list": [10, {"x": "in list"}]}, "key with space": "spaced", "it's": "quoted", "n": null, "items": [{"t": 1}, {"t": 2}]}
        """).RootElement;

    private static string? Find(string path) => JsonPath.Parse(path, allowWildcard: true, out var error) is { } parsed
        ? parsed.Find(Document)?.ToString()
        : throw new InvalidOperationException(error);

    [Fact]
    public void TheSubsetWalksNamesIndexesAndQuotedKeys()
    {
        Assert.Equal("deep", Find("$.a.b"));
        Assert.Equal("10", Find("$.a.list[0]"));
        Assert.Equal("in list", Find("$.a.list[1].x"));
        Assert.Equal("spaced", Find("$['key with space']"));
        Assert.Equal("quoted", Find("$[\"it's\"]"));
        Assert.Equal("quoted", Find("$['it\\'s']"));
        Assert.StartsWith("{", Find("$"));
        Assert.True(JsonPath.Parse("$.items[*]", allowWildcard: true, out _)!.EndsWithWildcard);
        Assert.StartsWith("[", Find("$.items[*]"));
    }

    [Fact]
    public void MissingStepsAndNullsFindNothing()
    {
        Assert.Null(Find("$.a.c"));
        Assert.Null(Find("$.a.b.c"));
        Assert.Null(Find("$.a.list[5]"));
        Assert.Null(Find("$.a[0]"));
        Assert.Null(Find("$.n"));
    }

    [Theory]
    [InlineData("a.b", "must be a JSON path starting with $")]
    [InlineData("$.", "a name must follow '.'")]
    [InlineData("$.a[*].b", "[*] may only end the path")]
    [InlineData("$['open", "a quoted name must end with ']")]
    [InlineData("$.a[?(@.x)]", "brackets hold an index")]
    [InlineData("$..a", "a name must follow '.'")]
    [InlineData("$.a b", "unexpected ' '")]
    public void AnythingOutsideTheSubsetIsRefusedWithTheReason(string path, string reason)
    {
        Assert.Null(JsonPath.Parse(path, allowWildcard: true, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void WildcardsAreOnlyForTheAlertsPathAndPathsHaveLimits()
    {
        Assert.Null(JsonPath.Parse("$.items[*]", allowWildcard: false, out var error));
        Assert.Contains("only for the alerts path", error);
        Assert.Null(JsonPath.Parse("$" + string.Concat(Enumerable.Repeat(".a", 33)), allowWildcard: false, out error));
        Assert.Contains("more than 32 steps", error);
        Assert.Null(JsonPath.Parse("$." + new string('a', 600), allowWildcard: false, out error));
        Assert.Contains("at most 512 characters", error);
    }
}
