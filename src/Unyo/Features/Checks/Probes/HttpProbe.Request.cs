using System.Net;

namespace Unyo.Features.Checks.Probes;

internal sealed partial class HttpProbe
{
    private const string UserAgent = "Unyo-Check/1.0";

    private static HttpRequestMessage Request(HttpProbeSettings settings, Uri url, HttpMethod method, bool withBody, ProbeTrace trace)
    {
        var request = new HttpRequestMessage(method, url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        request.Options.Set(TraceKey, trace);
        // The server closes after answering: no idle connection is kept on either side, and the
        // TIME_WAIT state stays with the server rather than using up the prober's ports.
        request.Headers.ConnectionClose = true;
        if (withBody)
        {
            request.Content = new ByteArrayContent(settings.BodyUtf8!);
        }
        // Credentials stay with the host they were written for, as browsers keep them on redirects.
        var sameHost = string.Equals(url.IdnHost, settings.Url.IdnHost, StringComparison.OrdinalIgnoreCase);
        var (userAgent, contentType) = (false, false);
        foreach (var (name, value) in settings.Headers)
        {
            if (!sameHost && (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            if (HttpHeaderRules.IsContentHeader(name))
            {
                contentType |= request.Content?.Headers.TryAddWithoutValidation(name, value) == true && name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase);
                continue;
            }
            request.Headers.TryAddWithoutValidation(name, value);
            userAgent |= name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
        }
        if (!userAgent)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }
        if (request.Content is not null && !contentType)
        {
            var json = settings.Body!.AsSpan().TrimStart() is ['{' or '[', ..];
            request.Content.Headers.TryAddWithoutValidation("Content-Type", json ? "application/json" : "text/plain; charset=utf-8");
        }
        return request;
    }
}
