using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Unyo.Hosting;

// Markdown written by people (incident notes, postmortems) turned into HTML that cannot run
// anything: raw HTML in the source is escaped as text, and links or images whose address is not
// http(s), mailto or relative lose their address (no javascript: or data: URLs). Pages still send
// a Content-Security-Policy without inline scripts; this is the second wall.
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "";
            }
        }
        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "";
            }
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }
        var trimmed = url.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && !trimmed.StartsWith('/'))
        {
            return absolute.Scheme is "http" or "https" or "mailto";
        }
        // Relative addresses stay on this server; a scheme hidden behind odd characters does not parse as relative.
        return Uri.TryCreate(trimmed, UriKind.Relative, out _) && !trimmed.Contains(':', StringComparison.Ordinal);
    }
}
