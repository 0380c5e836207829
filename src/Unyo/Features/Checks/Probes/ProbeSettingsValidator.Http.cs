using System.Text;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Probes;

public static partial class ProbeSettingsValidator
{
    public const int MaxUrlLength = 2000;
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxTextLength = 1000;
    public const int MaxExpectedStatus = 20;
    public const int MaxResponseKb = 10240;
    public const int MaxLatencyThresholdMs = 60000;

    private static readonly HttpMethod[] Methods =
        [HttpMethod.Get, HttpMethod.Head, HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Options];

    private static readonly HashSet<string> MethodsWithBody = new(StringComparer.Ordinal) { "POST", "PUT", "PATCH", "DELETE" };

    private static HttpProbeSettings? ValidateHttp(HttpCheckRequest? http, ValidationErrors errors)
    {
        if (http is null)
        {
            errors.Add("http", "is required for type http: at least the url to probe.");
            return null;
        }
        var ipVersion = CheckIpVersion(http.IpVersion, "http.ipVersion", errors);
        var (url, host) = CheckUrl(http.Url, ipVersion, errors);
        var method = CheckMethod(http.Method, errors);
        var body = CheckBody(http.Body, method, errors);
        var headers = HttpHeaderRules.Check(http.Headers, body is not null, errors);
        var followRedirects = http.FollowRedirects ?? true;
        var expected = CheckExpectedStatus(http.ExpectedStatus, followRedirects, errors);
        var slow = CheckSlowIs(http.SlowIs, http.LatencyThresholdMs, errors);
        if (http.LatencyThresholdMs is not (null or (>= 1 and <= MaxLatencyThresholdMs)))
        {
            errors.Add("http.latencyThresholdMs", $"{http.LatencyThresholdMs} must be 1 to {MaxLatencyThresholdMs} (milliseconds).");
        }
        if (http.MaxResponseKb is not (null or (>= 1 and <= MaxResponseKb)))
        {
            errors.Add("http.maxResponseKb", $"{http.MaxResponseKb} must be 1 to {MaxResponseKb} (KB read of the body at most).");
        }
        var contains = CheckText(http.BodyContains, "http.bodyContains", method, errors);
        var regex = CheckRegex(http.BodyRegex, method, errors);
        var (path, equalTo) = CheckJson(http.Json, method, errors);
        if (url is null || host is null || method is null || expected is null)
        {
            return null;
        }
        return new HttpProbeSettings
        {
            Url = url,
            Host = host,
            Method = method,
            Headers = headers,
            Body = body,
            ExpectedStatus = expected,
            LatencyThresholdMs = http.LatencyThresholdMs,
            SlowOutcome = slow,
            BodyContains = contains,
            BodyRegex = regex,
            JsonPath = path,
            JsonEqualTo = equalTo,
            FollowRedirects = followRedirects,
            VerifyTls = http.VerifyTls ?? true,
            IpVersion = ipVersion,
            MaxResponseKb = http.MaxResponseKb ?? HttpProbeSettings.DefaultMaxResponseKb,
        };
    }

    private static (Uri? Url, string? Host) CheckUrl(string? text, ProbeIpVersion version, ValidationErrors errors)
    {
        const string field = "http.url";
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "is required: the absolute http or https URL to probe, e.g. https://www.example.com/health.");
            return default;
        }
        text = text.Trim();
        if (text.Length > MaxUrlLength)
        {
            errors.Add(field, $"must be at most {MaxUrlLength} characters.");
            return default;
        }
        // On Unix "/health" parses as an absolute file: URI; it is a relative URL to a person.
        if (text.StartsWith('/') || !Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            errors.Add(field, $"'{text}' is not an absolute URL: write it with its scheme and host, e.g. https://www.example.com/health.");
            return default;
        }
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add(field, $"'{url.Scheme}:' URLs are not probed: HTTP checks use http or https (a tcp check can watch other services' ports).");
            return default;
        }
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add(field, "must not hold a user name or password (user:password@host); send credentials in an Authorization header instead.");
            return default;
        }
        var host = HostNames.Canonical(url.IdnHost, allowUnderscore: false, out var address);
        if (host is null)
        {
            errors.Add(field, $"'{url.Host}' is not a valid host: it {HostNames.Rule}");
            return default;
        }
        CheckFamily(address, field, version, errors);
        return (url, host);
    }

    private static HttpMethod? CheckMethod(string? text, ValidationErrors errors)
    {
        if (text is null)
        {
            return HttpMethod.Get;
        }
        var method = Methods.FirstOrDefault(m => string.Equals(m.Method, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (method is null)
        {
            errors.Add("http.method", $"'{text}' must be GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS.");
        }
        return method;
    }

    private static string? CheckBody(string? body, HttpMethod? method, ValidationErrors errors)
    {
        if (body is null)
        {
            return null;
        }
        if (method is not null && !MethodsWithBody.Contains(method.Method))
        {
            errors.Add("http.body", $"is sent only with POST, PUT, PATCH or DELETE; this check's method is {method.Method}.");
        }
        else if (Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            errors.Add("http.body", $"must be at most {MaxBodyBytes / 1024} KB (in UTF-8).");
        }
        return body;
    }
}
