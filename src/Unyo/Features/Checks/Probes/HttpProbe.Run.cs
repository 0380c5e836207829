using System.Globalization;
using System.Security.Authentication;

namespace Unyo.Features.Checks.Probes;

internal sealed partial class HttpProbe
{
    public async Task<ProbeResult> RunAsync(HttpProbeSettings settings, TargetAllowList allowed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var trace = new ProbeTrace(allowed, settings.IpVersion);
        var started = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var link = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadline);
        var (url, method, withBody, redirects) = (settings.Url, settings.Method, settings.Body is not null, 0);
        HttpResponseMessage? response = null;
        try
        {
            while (true)
            {
                using (var request = Request(settings, url, method, withBody, trace))
                {
                    response = await Invoker(settings).SendAsync(request, deadline.Token);
                }
                var status = (int)response.StatusCode;
                if (!settings.FollowRedirects || status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
                {
                    break;
                }
                response.Dispose();
                response = null;
                var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (redirects == HttpProbeSettings.MaxRedirects)
                {
                    throw new ProbeFailedException($"more than {HttpProbeSettings.MaxRedirects} redirects (the last to {ProbeReasons.Clip(next.ToString(), 200)})");
                }
                if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                {
                    throw new ProbeFailedException($"redirected to {ProbeReasons.Clip(next.ToString(), 200)}, which is not an http or https URL");
                }
                // As browsers do: 303, and 301/302 after a POST, continue with a GET and no body.
                if ((status == 303 && method != HttpMethod.Head) || (status is 301 or 302 && method == HttpMethod.Post))
                {
                    (method, withBody) = (HttpMethod.Get, false);
                }
                (url, redirects) = (next, redirects + 1);
                trace.Phase = ProbePhase.Starting;
            }
            trace.Phase = ProbePhase.ReadingBody;
            using var body = await HttpBody.ReadAsync(response, settings, trace, deadline.Token);
            var latency = _time.GetElapsedTime(started);
            var code = (int)response.StatusCode;
            var (outcome, reason) = HttpAnswerJudge.Judge(settings, code, body, latency);
            var details = Details(trace, url, redirects);
            details["statusCode"] = code.ToString(CultureInfo.InvariantCulture);
            details["bytesRead"] = body.BytesRead.ToString(CultureInfo.InvariantCulture);
            if (body.Truncated)
            {
                details["truncated"] = "true";
            }
            if (outcome != ProbeOutcome.Up && body.Snippet() is { } snippet)
            {
                details["bodySnippet"] = snippet;
            }
            return new ProbeResult(outcome, Milliseconds(latency), reason, details);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reason = deadline.IsCancellationRequested
                ? ProbeReasons.TimedOut(timeout, trace, $"{settings.Host}:{url.Port}")
                : Describe(e, trace, url);
            if (redirects > 0 && !deadline.IsCancellationRequested)
            {
                reason += $" (after {redirects} redirect{(redirects == 1 ? "" : "s")}, at {ProbeReasons.Clip(url.ToString(), 200)})";
            }
            return new ProbeResult(ProbeOutcome.Down, Milliseconds(_time.GetElapsedTime(started)), reason, Details(trace, url, redirects));
        }
        finally
        {
            response?.Dispose();
        }
    }

    private static Dictionary<string, string> Details(ProbeTrace trace, Uri url, int redirects)
    {
        var details = new Dictionary<string, string>(6, StringComparer.Ordinal);
        if (trace.Address is { } address)
        {
            details["address"] = address.ToString();
        }
        if (redirects > 0)
        {
            details["redirects"] = redirects.ToString(CultureInfo.InvariantCulture);
            details["finalUrl"] = url.ToString();
        }
        return details;
    }

    private static string Describe(Exception exception, ProbeTrace trace, Uri url)
    {
        if (ProbeFailedException.Find(exception) is { } failed)
        {
            return failed.Message;
        }
        var where = trace.Address?.ToString() ?? $"{url.IdnHost}:{url.Port}";
        if (exception is HttpRequestException http)
        {
            if (http.InnerException is AuthenticationException tls)
            {
                return $"TLS handshake with {where} failed: {tls.Message}";
            }
            return http.HttpRequestError switch
            {
                HttpRequestError.ResponseEnded => $"{where} closed the connection without a complete answer",
                HttpRequestError.InvalidResponse => $"{where} answered with invalid HTTP: {Innermost(http)}",
                HttpRequestError.ConfigurationLimitExceeded => $"{where} answered with response headers over the size limit",
                HttpRequestError.SecureConnectionError => $"TLS handshake with {where} failed: {Innermost(http)}",
                _ => $"request to {where} failed: {Innermost(http)}",
            };
        }
        if (exception is IOException or InvalidDataException && trace.Phase == ProbePhase.ReadingBody)
        {
            return $"reading the body from {where} failed after {ProbeReasons.Size(trace.BytesRead)}: {Innermost(exception)}";
        }
        return $"request to {where} failed: {Innermost(exception)}";
    }

    private static string Innermost(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e.Message;
    }

    internal static int Milliseconds(TimeSpan elapsed) => (int)Math.Min(int.MaxValue, Math.Round(elapsed.TotalMilliseconds));
}
