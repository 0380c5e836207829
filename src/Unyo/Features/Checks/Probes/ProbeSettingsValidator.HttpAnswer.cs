using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Checks.Probes;

// What an HTTP check expects of the answer: status codes, latency, body keyword, regex, JSON value.
public static partial class ProbeSettingsValidator
{
    // Defaults: with redirects followed the final answer must be a success; without, a redirect
    // is a good answer too (the check watches that the site answers, not where it sends people).
    private static List<StatusRange>? CheckExpectedStatus(string[]? entries, bool followRedirects, ValidationErrors errors)
    {
        const string field = "http.expectedStatus";
        if (entries is null)
        {
            return [followRedirects ? new StatusRange(200, 299) : new StatusRange(200, 399)];
        }
        if (entries.Length is 0 or > MaxExpectedStatus)
        {
            errors.Add(field, $"needs 1 to {MaxExpectedStatus} codes or ranges, e.g. [\"200-299\", \"401\"]; leave it out for the default.");
            return null;
        }
        var ranges = new List<StatusRange>();
        for (var i = 0; i < entries.Length; i++)
        {
            if (StatusRange.Parse(entries[i]) is { } range)
            {
                ranges.Add(range);
            }
            else
            {
                errors.Add($"{field}[{i}]", $"'{entries[i]}' must be a status code (\"200\") or a range (\"200-299\") of codes from 100 to 599.");
            }
        }
        return ranges.Count == entries.Length ? [.. ranges.Distinct().OrderBy(r => r.From).ThenBy(r => r.To)] : null;
    }

    private static ProbeOutcome CheckSlowIs(string? slowIs, int? threshold, ValidationErrors errors)
    {
        if (slowIs is null)
        {
            return ProbeOutcome.Degraded;
        }
        if (threshold is null)
        {
            errors.Add("http.slowIs", "applies only with latencyThresholdMs, which says what is slow.");
        }
        switch (slowIs.Trim().ToLowerInvariant())
        {
            case "degraded":
                return ProbeOutcome.Degraded;
            case "failure":
                return ProbeOutcome.Down;
            default:
                errors.Add("http.slowIs", $"'{slowIs}' must be degraded or failure.");
                return ProbeOutcome.Degraded;
        }
    }

    private static string? CheckText(string? text, string field, HttpMethod? method, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }
        if (text.Length is 0 or > MaxTextLength)
        {
            errors.Add(field, $"must be 1 to {MaxTextLength} characters.");
        }
        else if (method == HttpMethod.Head)
        {
            errors.Add(field, "HEAD answers have no body to look into; use GET.");
        }
        return text;
    }

    private static BodyPattern? CheckRegex(string? pattern, HttpMethod? method, ValidationErrors errors)
    {
        if (CheckText(pattern, "http.bodyRegex", method, errors) is null || errors.Has("http.bodyRegex"))
        {
            return null;
        }
        var compiled = BodyPattern.Create(pattern!, out var error);
        if (compiled is null)
        {
            errors.Add("http.bodyRegex", error!);
        }
        return compiled;
    }

    private static (JsonPathExpression? Path, string? EqualTo) CheckJson(JsonPathAssertion? json, HttpMethod? method, ValidationErrors errors)
    {
        if (json is null)
        {
            return default;
        }
        if (method == HttpMethod.Head)
        {
            errors.Add("http.json", "HEAD answers have no body to look into; use GET.");
        }
        var path = JsonPathExpression.Parse(json.Path?.Trim(), out var error);
        if (path is null)
        {
            errors.Add("http.json.path", json.Path is null ? "is required: where the value is, e.g. $.status." : error!);
        }
        if (json.EqualTo is { Length: > MaxTextLength })
        {
            errors.Add("http.json.equalTo", $"must be at most {MaxTextLength} characters.");
        }
        return (path, json.EqualTo);
    }
}
