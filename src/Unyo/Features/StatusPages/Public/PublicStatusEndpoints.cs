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

    private static async Task<IResult> ServeAsync(string page, PublicStatusCache cache, HttpContext context, Func<RenderedStatus, byte[]> body, string type)
    {
        if (!Slugs.IsValid(page) || await cache.GetAsync(page) is not { } rendered)
        {
            return Problems.NotFound("Status page", page);
        }
        var headers = context.Response.Headers;
        headers.CacheControl = $"public, max-age={(int)PublicStatusCache.Fresh.TotalSeconds}";
        // One ETag for the three views of one render: each path is cached separately anyway.
        headers.ETag = rendered.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString() == rendered.ETag)
        {
            return Results.StatusCode((int)HttpStatusCode.NotModified);
        }
        return Results.Bytes(body(rendered), type);
    }
}
