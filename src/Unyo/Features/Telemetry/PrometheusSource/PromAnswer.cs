using System.Globalization;
using System.Text.Json;

namespace Unyo.Features.Telemetry.PrometheusSource;

// One sample: when it was evaluated and its value as the engine wrote it ("12.5", "NaN", "+Inf").
public readonly record struct PromSample(DateTimeOffset At, string Value);

// What the engine answered to one query: the samples of its single series (none when the result
// was empty), or why it could not be used. An SLI query must come down to one number per
// instant, so more than one series is an error, not something to add up silently.
public sealed record PromAnswer(IReadOnlyList<PromSample> Samples, string? Error)
{
    public static PromAnswer Failed(string error) => new([], error);

    public bool Ok => Error is null;

    // Reads a Prometheus HTTP API body (/api/v1/query or /api/v1/query_range), whatever the HTTP
    // status was: engines answer 400 and 422 with a JSON error that says more than the status.
    public static PromAnswer Parse(ReadOnlyMemory<byte> body, int httpStatus)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Failed($"HTTP {httpStatus}: the answer is not Prometheus API JSON: {Excerpt(body)}");
        }
        using (document)
        {
            try
            {
                return Read(document.RootElement, httpStatus);
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException or KeyNotFoundException or IndexOutOfRangeException)
            {
                return Failed($"HTTP {httpStatus}: the answer does not follow the Prometheus API: {Excerpt(body)}");
            }
        }
    }

    private static PromAnswer Read(JsonElement root, int httpStatus)
    {
        var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
        if (status != "success")
        {
            var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : null;
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
            return Failed(error is null ? $"HTTP {httpStatus}: status {status ?? "missing"}" : $"{type ?? $"HTTP {httpStatus}"}: {error}");
        }
        if (httpStatus is < 200 or > 299)
        {
            return Failed($"HTTP {httpStatus} with a success body");
        }
        var data = root.GetProperty("data");
        var resultType = data.GetProperty("resultType").GetString();
        var result = data.GetProperty("result");
        switch (resultType)
        {
            case "scalar":
                return new PromAnswer([Sample(result)], null);
            case "vector":
            case "matrix":
                var count = result.GetArrayLength();
                if (count == 0)
                {
                    return new PromAnswer([], null);
                }
                if (count > 1)
                {
                    return Failed($"returned {count} series ({Labels(result[0])}, {Labels(result[1])}{(count > 2 ? ", …" : "")}); an SLI query must return one: aggregate it, e.g. sum(…)");
                }
                var series = result[0];
                return resultType == "vector"
                    ? new PromAnswer([Sample(series.GetProperty("value"))], null)
                    : new PromAnswer([.. series.GetProperty("values").EnumerateArray().Select(Sample)], null);
            default:
                return Failed($"returned a {resultType ?? "missing"} result, not a number");
        }
    }

    // [1435781451.781, "1"]
    private static PromSample Sample(JsonElement pair)
    {
        var seconds = pair[0].GetDouble();
        var value = pair[1].GetString() ?? throw new FormatException("a sample without a value");
        return new PromSample(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)), value);
    }

    private static string Labels(JsonElement series) =>
        series.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object
            ? "{" + string.Join(", ", metric.EnumerateObject().Select(l => $"{l.Name}=\"{l.Value.GetString()}\"")) + "}"
            : "{}";

    private static string Excerpt(ReadOnlyMemory<byte> body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, 200)]).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(empty)" : text;
    }

    // A sample as a finite number; null with the reason otherwise.
    public static double? Number(string value, out string? problem)
    {
        problem = null;
        // Prometheus writes NaN, +Inf and -Inf; .NET reads NaN but not the infinities.
        var infinite = value is "+Inf" or "-Inf";
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !infinite)
        {
            problem = $"'{value}' is not a number";
            return null;
        }
        if (infinite || !double.IsFinite(number))
        {
            problem = $"{value} is not a finite number";
            return null;
        }
        return number;
    }
}
