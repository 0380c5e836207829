using System.Text.Json;
using Unyo.Features.Checks.Probes;

namespace Unyo.Tests.Checks.Probes;

public sealed class JsonPathExpressionTests
{
    private const string Body = """
        {"status":"ok","checks":{"db":{"up":true,"latency":12.50}},"items":[{"state":"a"},{"state":"b","n":null}],"odd.key":[1,2],"it's":"q"}
        """;

    [Theory]
    [InlineData("$.status", "ok")]
    [InlineData("$.checks.db.up", "true")]
    [InlineData("$.checks['db'].latency", "12.50")]
    [InlineData("$.items[1].state", "b")]
    [InlineData("$.items[1].n", "null")]
    [InlineData("$['odd.key'][1]", "2")]
    [InlineData("$[\"it's\"]", "q")]
    [InlineData("$.checks.db", """{"up":true,"latency":12.50}""")]
    public void PathsFindValuesAsTextTheAssertionCompares(string path, string text)
    {
        using var document = JsonDocument.Parse(Body);

        var found = JsonPathExpression.Parse(path, out var error)!.Find(document.RootElement);

        Assert.Null(error);
        Assert.Equal(text, JsonPathExpression.TextOf(found!.Value));
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.items[2]")]
    [InlineData("$.status.inner")]
    [InlineData("$.items.state")]
    [InlineData("$[0]")]
    public void MissingValuesAreNull(string path)
    {
        using var document = JsonDocument.Parse(Body);

        Assert.Null(JsonPathExpression.Parse(path, out _)!.Find(document.RootElement));
    }

    [Theory]
    [InlineData("")]
    [InlineData("status")]
    [InlineData("$.")]
    [InlineData("$.a b")]
    [InlineData("$.items[-1]")]
    [InlineData("$.items[99999999]")]
    [InlineData("$.items[*]")]
    [InlineData("$..status")]
    [InlineData("$['unclosed]")]
    public void OtherSyntaxIsRefused(string path)
    {
        Assert.Null(JsonPathExpression.Parse(path, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void TheRootIsAPathToo()
    {
        using var document = JsonDocument.Parse("42");

        Assert.Equal("42", JsonPathExpression.TextOf(JsonPathExpression.Parse("$", out _)!.Find(document.RootElement)!.Value));
    }
}
