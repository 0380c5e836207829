using System.Net;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages.Public;

// `/status/{page}`, its JSON summary and Atom feed: open to anyone, served from PublicStatusCache.
// Browsers and proxies may keep them as long as the cache does; a repeat with the ETag gets 304.
public static class PublicStatusEndpoints
{
    public static Task<IResult> Page(string page, PublicStatusCache cache, HttpContext context) =>
        ServeAsync(page, cache, context, r => r.Html, "text/html; charset=utf-8");

    public static Task<IResult> Summary(string page, PublicStatusCache cache, HttpContext context) =>
        ServeAsync(page, cache, context, r => r.Summary, "application/json; charset=utf-8");

    public static Task<IResult> Feed(string page, PublicStatusCache cache, HttpContext context) =>
        ServeAsync(page, cache, context, r => r.Atom, "application/atom+xml; charset=utf-8");

    private static async Task<IResult> ServeAsync(string page, PublicStatusCache cache, HttpContext context, Func<RenderedStatus, RenderedStatus.Body> body, string type)
    {
        if (!Slugs.IsValid(page) || await cache.GetAsync(page) is not { } rendered)
        {
            return Problems.NotFound("Status page", page);
        }
        var headers = context.Response.Headers;
        headers.CacheControl = $"public, max-age={(int)PublicStatusCache.Fresh.TotalSeconds}";
        // One weak ETag for the views of one render, plain or gzipped: each path is cached separately anyway.
        headers.ETag = rendered.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString().Contains(rendered.ETag, StringComparison.Ordinal))
        {
            return Results.StatusCode((int)HttpStatusCode.NotModified);
        }
        headers.Vary = "Accept-Encoding";
        var chosen = body(rendered);
        if (AcceptsGzip(context.Request))
        {
            headers.ContentEncoding = "gzip";
            return Results.Bytes(chosen.Gzip, type);
        }
        return Results.Bytes(chosen.Plain, type);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);
}
