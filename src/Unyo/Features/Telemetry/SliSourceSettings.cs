using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry;

// One OpenTelemetry metric narrowed by attributes. Values ending in '*' match by prefix, which is
// how status-code classes ("5*") are written without listing every code.
public sealed record OtlpSelector(
    string Metric,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ExcludeAttributes)
{
    public bool Matches(Func<string, string?> attribute)
    {
        foreach (var (key, pattern) in Attributes)
        {
            if (attribute(key) is not { } value || !ValueMatches(value, pattern))
            {
                return false;
            }
        }
        foreach (var (key, patterns) in ExcludeAttributes)
        {
            if (attribute(key) is { } value && patterns.Any(p => ValueMatches(value, p)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool ValueMatches(string value, string pattern) =>
        pattern.EndsWith('*') ? value.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal) : value == pattern;

    public OtlpMetricSelector ToContract() => new()
    {
        Metric = Metric,
        Attributes = Attributes.Count == 0 ? null : new Dictionary<string, string>(Attributes, StringComparer.Ordinal),
        ExcludeAttributes = ExcludeAttributes.Count == 0 ? null : ExcludeAttributes.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
    };
}

// Ratio SLIs select Good and Total; latency SLIs select Histogram.
public sealed record OtlpSelection(OtlpSelector? Good, OtlpSelector? Total, OtlpSelector? Histogram)
{
    public SliOtlpSource ToContract() => new() { Good = Good?.ToContract(), Total = Total?.ToContract(), Histogram = Histogram?.ToContract() };
}

// Either Good and Total, or ErrorRatio; every query holds WindowPlaceholder where its range goes.
public sealed record PrometheusQueries(string Url, string? Good, string? Total, string? ErrorRatio)
{
    public const string WindowPlaceholder = "{{window}}";

    public SliPrometheusSource ToContract() => new() { Url = Url, Good = Good, Total = Total, ErrorRatio = ErrorRatio };
}

// Where an SLI's events come from, beyond its kind: the source-specific settings, validated into
// canonical records and stored on the SLI as one JSON column (a source owns no rows of its own).
public sealed record SliSourceSettings(SliSource Source, OtlpSelection? Otlp, PrometheusQueries? Prometheus, string? Check = null)
{
    public const int MaxQueryLength = 4000;
    public const int MaxAttributes = 20;

    public static readonly SliSourceSettings Native = new(SliSource.Native, null, null);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    // Null for native SLIs, which need nothing stored.
    public string? ToStored() => Source switch
    {
        SliSource.Otlp => JsonSerializer.Serialize(Otlp!.ToContract(), Json),
        SliSource.Prometheus => JsonSerializer.Serialize(Prometheus!.ToContract(), Json),
        SliSource.Check => JsonSerializer.Serialize(new StoredCheck(Check!), Json),
        _ => null,
    };

    private sealed record StoredCheck(string Check);

    // Stored settings were validated on the way in; reading them back goes through the same rules.
    public static SliSourceSettings FromStored(SliSource source, SliKind kind, string? stored)
    {
        if (source == SliSource.Native || stored is null)
        {
            return Native;
        }
        var errors = new ValidationErrors();
        var settings = source switch
        {
            SliSource.Otlp => Validate(source, kind, JsonSerializer.Deserialize<SliOtlpSource>(stored, Json), null, null, errors),
            SliSource.Check => Validate(source, kind, null, null, JsonSerializer.Deserialize<StoredCheck>(stored, Json)?.Check, errors),
            _ => Validate(source, kind, null, JsonSerializer.Deserialize<SliPrometheusSource>(stored, Json), null, errors),
        };
        return settings ?? throw new InvalidOperationException($"Stored {source} settings no longer validate: {string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}"))}");
    }

    public static SliSourceSettings? Validate(SliSource source, SliKind kind, SliOtlpSource? otlp, SliPrometheusSource? prometheus, string? check, ValidationErrors errors)
    {
        if (source != SliSource.Check && check is not null)
        {
            errors.Add("check", "applies only to SLIs with source check.");
        }
        if (source != SliSource.Otlp && otlp is not null)
        {
            errors.Add("otlp", "applies only to SLIs with source otlp.");
        }
        if (source != SliSource.Prometheus && prometheus is not null)
        {
            errors.Add("prometheus", "applies only to SLIs with source prometheus.");
        }
        return source switch
        {
            SliSource.Otlp => ValidateOtlp(kind, otlp, errors) is { } selection && errors.IsEmpty ? new SliSourceSettings(source, selection, null) : null,
            SliSource.Prometheus => ValidatePrometheus(kind, prometheus, errors) is { } queries && errors.IsEmpty ? new SliSourceSettings(source, null, queries) : null,
            SliSource.Check => ValidateCheck(check, errors) && errors.IsEmpty ? new SliSourceSettings(source, null, null, check) : null,
            _ => errors.IsEmpty ? Native : null,
        };
    }

    // Whether the check exists is known only where the state is (SliCatalog, SliConfigKind).
    private static bool ValidateCheck(string? check, ValidationErrors errors)
    {
        if (check is null)
        {
            errors.Add("check", "is required for source check: the name of the check whose results are the events (a ratio SLI counts results that were not down; a latency SLI those answered within its threshold).");
            return false;
        }
        Slugs.Check(check, "check", errors);
        return true;
    }

    private static OtlpSelection? ValidateOtlp(SliKind kind, SliOtlpSource? otlp, ValidationErrors errors)
    {
        if (otlp is null)
        {
            errors.Add("otlp", kind == SliKind.Latency
                ? "is required for source otlp: name the histogram of durations (otlp.histogram)."
                : "is required for source otlp: name the metrics that count good and total events (otlp.good, otlp.total).");
            return null;
        }
        if (kind == SliKind.Latency)
        {
            if (otlp.Good is not null || otlp.Total is not null)
            {
                errors.Add(otlp.Good is not null ? "otlp.good" : "otlp.total", "applies only to ratio SLIs; a latency SLI counts the buckets of otlp.histogram.");
            }
            var histogram = Selector(otlp.Histogram, "otlp.histogram", "the histogram of durations whose buckets decide good events", errors);
            return new OtlpSelection(null, null, histogram);
        }
        if (otlp.Histogram is not null)
        {
            errors.Add("otlp.histogram", "applies only to latency SLIs; a ratio SLI counts otlp.good and otlp.total.");
        }
        var good = Selector(otlp.Good, "otlp.good", "the metric whose increase counts good events", errors);
        var total = Selector(otlp.Total, "otlp.total", "the metric whose increase counts all events", errors);
        return new OtlpSelection(good, total, null);
    }

    private static OtlpSelector? Selector(OtlpMetricSelector? selector, string field, string what, ValidationErrors errors)
    {
        if (selector is null)
        {
            errors.Add(field, $"is required: {what}.");
            return null;
        }
        var metric = selector.Metric?.Trim();
        if (string.IsNullOrEmpty(metric) || metric.Length > 255 || metric.Any(char.IsWhiteSpace))
        {
            errors.Add($"{field}.metric", "is required: the metric's name as sent, at most 255 characters without spaces.");
        }
        var attributes = selector.Attributes ?? [];
        var exclusions = selector.ExcludeAttributes ?? [];
        if (attributes.Count + exclusions.Count > MaxAttributes)
        {
            errors.Add($"{field}.attributes", $"at most {MaxAttributes} attribute conditions per metric.");
        }
        foreach (var (key, value) in attributes)
        {
            CheckAttribute($"{field}.attributes.{key}", key, [value], errors);
        }
        foreach (var (key, values) in exclusions)
        {
            if (values is not { Length: > 0 })
            {
                errors.Add($"{field}.excludeAttributes.{key}", "needs at least one value to exclude.");
                continue;
            }
            CheckAttribute($"{field}.excludeAttributes.{key}", key, values, errors);
        }
        return metric is null ? null : new OtlpSelector(
            metric,
            new SortedDictionary<string, string>(attributes, StringComparer.Ordinal),
            new SortedDictionary<string, IReadOnlyList<string>>(exclusions.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value.Order(StringComparer.Ordinal)]), StringComparer.Ordinal));
    }

    private static void CheckAttribute(string field, string key, IEnumerable<string?> values, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 255)
        {
            errors.Add(field, "attribute names must be 1-255 characters.");
        }
        if (values.Any(v => v is null || v.Length > 255))
        {
            errors.Add(field, "values must be given and at most 255 characters; end one with * to match by prefix.");
        }
    }

    private static PrometheusQueries? ValidatePrometheus(SliKind kind, SliPrometheusSource? prometheus, ValidationErrors errors)
    {
        if (prometheus is null)
        {
            errors.Add("prometheus", "is required for source prometheus: the engine's url and the good and total queries (or an errorRatio query).");
            return null;
        }
        if (kind == SliKind.Latency)
        {
            errors.Add("kind", "a prometheus SLI is a ratio: write latency as good = requests in the histogram bucket at the threshold (le=\"0.3\"), total = all requests.");
        }
        var url = prometheus.Url?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(url))
        {
            errors.Add("prometheus.url", "is required: the base URL of a Prometheus-compatible engine, e.g. http://prometheus:9090.");
        }
        else if (url.Length > 500 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add("prometheus.url", $"'{prometheus.Url}' must be an absolute http(s) URL without a query, at most 500 characters.");
        }
        var good = Query(prometheus.Good, "prometheus.good", errors);
        var total = Query(prometheus.Total, "prometheus.total", errors);
        var ratio = Query(prometheus.ErrorRatio, "prometheus.errorRatio", errors);
        if (ratio is not null && (good is not null || total is not null))
        {
            errors.Add("prometheus.errorRatio", "is an alternative to good and total; give one or the other.");
        }
        else if (ratio is null && (good is null || total is null))
        {
            errors.Add(good is null ? "prometheus.good" : "prometheus.total", "good and total are both required (or errorRatio instead of both).");
        }
        return url is null ? null : new PrometheusQueries(url, good, total, ratio);
    }

    private static string? Query(string? query, string field, ValidationErrors errors)
    {
        var text = query?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length > MaxQueryLength)
        {
            errors.Add(field, $"must be at most {MaxQueryLength} characters.");
        }
        else if (!text.Contains(PrometheusQueries.WindowPlaceholder, StringComparison.Ordinal))
        {
            errors.Add(field, $"must contain {PrometheusQueries.WindowPlaceholder} where the range goes, e.g. sum(increase(http_requests_total[{PrometheusQueries.WindowPlaceholder}])); Unyo asks for one minute at a time.");
        }
        return text;
    }

    public JsonObject? OtlpDocument() => Otlp is null ? null : JsonSerializer.SerializeToNode(Otlp.ToContract(), Json)!.AsObject();

    public JsonObject? PrometheusDocument() => Prometheus is null ? null : JsonSerializer.SerializeToNode(Prometheus.ToContract(), Json)!.AsObject();
}
