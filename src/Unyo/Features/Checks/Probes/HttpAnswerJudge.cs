using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Unyo.Features.Checks.Probes;

// Judges an HTTP answer against its check, worst finding first: the status code, then the body
// (keyword, regex, JSON value), then the latency.
internal static class HttpAnswerJudge
{
    public static (ProbeOutcome Outcome, string? Reason) Judge(HttpProbeSettings settings, int status, HttpBody body, TimeSpan latency)
    {
        if (!Expected(settings, status))
        {
            return (ProbeOutcome.Down, ProbeReasons.Invariant($"HTTP {status}, expected {settings.DescribeExpectedStatus()}"));
        }
        var cut = body.Truncated ? $" in the first {ProbeReasons.Size(body.BytesRead)} read (maxResponseKb)" : "";
        if (settings.BodyContains is { } keyword && !Contains(body, keyword, settings.BodyContainsUtf8!))
        {
            return (ProbeOutcome.Down, $"body does not contain '{ProbeReasons.Clip(keyword)}'{cut}");
        }
        if (settings.BodyRegex is { } pattern && MatchProblem(body, pattern) is { } regexProblem)
        {
            return (ProbeOutcome.Down, regexProblem + cut);
        }
        if (settings.JsonPath is { } path && JsonProblem(body, path, settings.JsonEqualTo) is { } jsonProblem)
        {
            return (ProbeOutcome.Down, jsonProblem);
        }
        if (settings.LatencyThresholdMs is { } threshold && latency.TotalMilliseconds > threshold)
        {
            return (settings.SlowOutcome, ProbeReasons.Invariant($"slow: {latency.TotalMilliseconds:0} ms, over the {threshold} ms threshold"));
        }
        return (ProbeOutcome.Up, null);
    }

    private static bool Expected(HttpProbeSettings settings, int status)
    {
        foreach (var range in settings.ExpectedStatus)
        {
            if (range.Contains(status))
            {
                return true;
            }
        }
        return false;
    }

    // A UTF-8 body is searched as bytes; another charset is decoded first.
    private static bool Contains(HttpBody body, string keyword, byte[] utf8)
    {
        if (body.Encoding.CodePage == Encoding.UTF8.CodePage)
        {
            return body.Kept.Span.IndexOf(utf8) >= 0;
        }
        return body.Encoding.GetString(body.Kept.Span).Contains(keyword, StringComparison.Ordinal);
    }

    private static string? MatchProblem(HttpBody body, BodyPattern pattern)
    {
        var bytes = body.Kept.Span;
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, body.Encoding.GetCharCount(bytes)));
        try
        {
            var length = body.Encoding.GetChars(bytes, chars);
            return pattern.Regex.IsMatch(chars.AsSpan(0, length)) ? null : $"body does not match /{ProbeReasons.Clip(pattern.Pattern)}/";
        }
        catch (RegexMatchTimeoutException)
        {
            return $"body regex /{ProbeReasons.Clip(pattern.Pattern)}/ did not finish within {pattern.Regex.MatchTimeout.TotalMilliseconds:0} ms on {ProbeReasons.Size(bytes.Length)} of body";
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static string? JsonProblem(HttpBody body, JsonPathExpression path, string? equalTo)
    {
        var bytes = body.Kept;
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            if (path.Find(document.RootElement) is not { } value)
            {
                return $"{path.Text} is missing from the JSON body";
            }
            if (equalTo is null)
            {
                return null;
            }
            var text = JsonPathExpression.TextOf(value);
            return text == equalTo ? null : $"{path.Text} is '{ProbeReasons.Clip(text)}', expected '{ProbeReasons.Clip(equalTo)}'";
        }
        catch (JsonException e)
        {
            return body.Truncated
                ? $"body is not complete JSON: it was cut at {ProbeReasons.Size(body.BytesRead)} (raise maxResponseKb)"
                : string.Create(CultureInfo.InvariantCulture, $"body is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
    }
}
