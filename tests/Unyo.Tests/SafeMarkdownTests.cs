using Unyo.Hosting;

namespace Unyo.Tests;

public sealed class SafeMarkdownTests
{
    [Fact]
    public void MarkdownBecomesHtml()
    {
        var html = SafeMarkdown.ToHtml("**Rolled back** the deploy, see [the runbook](https://runbooks.example/db).\n\n- [x] paged DBA");

        Assert.Contains("<strong>Rolled back</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://runbooks.example/db\">the runbook</a>", html, StringComparison.Ordinal);
        Assert.Contains("checkbox", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("![x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click]( javascript:alert(1) )")]
    public void NothingWrittenCanRun(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"data:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void EmptyTextIsEmptyHtml() => Assert.Equal("", SafeMarkdown.ToHtml("  "));
}
