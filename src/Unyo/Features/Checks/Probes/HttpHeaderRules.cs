using Unyo.Hosting;

namespace Unyo.Features.Checks.Probes;

// Which request headers an HTTP check may set, and where each one goes.
internal static class HttpHeaderRules
{
    public const int MaxHeaders = 30;
    public const int MaxValueLength = 4000;
    private const int MaxNameLength = 100;

    // Framing and connection management belong to the probe: a check that set them could desync
    // the request it sends (Content-Length, Transfer-Encoding) or keep connections it must close.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer", "Expect", "Proxy-Connection",
    };

    // Headers of the content rather than the request, sent only with a body.
    public static bool IsContentHeader(string name) =>
        name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Expires", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase);

    public static List<KeyValuePair<string, string>> Check(Dictionary<string, string>? headers, bool hasBody, ValidationErrors errors)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (headers is null)
        {
            return result;
        }
        if (headers.Count > MaxHeaders)
        {
            errors.Add("http.headers", $"at most {MaxHeaders} headers.");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            var field = $"http.headers.{name}";
            if (!IsToken(name))
            {
                errors.Add(field, $"is not a valid header name: 1 to {MaxNameLength} letters, digits or !#$%&'*+-.^_`|~.");
            }
            else if (Reserved.Contains(name))
            {
                errors.Add(field, "is set by Unyo itself (the probe frames the request and opens a fresh connection each time).");
            }
            else if (!seen.Add(name))
            {
                errors.Add(field, "is given twice; header names ignore case.");
            }
            else if (IsContentHeader(name) && !hasBody)
            {
                errors.Add(field, "describes a request body, and this check sends none.");
            }
            if (value is null || value.Length > MaxValueLength || value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                errors.Add(field, $"needs a value of at most {MaxValueLength} characters without line breaks.");
                continue;
            }
            result.Add(new(name, value.Trim()));
        }
        result.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Key, b.Key));
        return result;
    }

    // RFC 9110 token characters.
    private static bool IsToken(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));
}
