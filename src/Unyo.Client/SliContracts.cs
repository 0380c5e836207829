namespace Unyo.Client;

/// <summary>Creates or replaces a service level indicator. Checked by the same validator the YAML kind <c>SLI</c> uses.</summary>
public sealed record SliRequest
{
    /// <summary>Slug, unique in the organisation. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Slug of the service whose users this indicator measures (required). The SLI belongs to that service's team.</summary>
    public string? Service { get; init; }
    /// <summary>What a good event is, in words people read on the SLO page; at most 2000 characters.</summary>
    public string? Description { get; init; }
    /// <summary><c>ratio</c> (good and total events as they arrive; the default) or <c>latency</c> (an event is good when answered within <see cref="LatencyThresholdMs"/>).</summary>
    public string? Kind { get; init; }
    /// <summary>For <c>latency</c> SLIs only, and required there: the threshold in milliseconds, 1 to 600000.</summary>
    public int? LatencyThresholdMs { get; init; }
    /// <summary>Where the events come from: <c>native</c> (<c>POST /api/v1/sli-events</c>, the default), <c>otlp</c> (OpenTelemetry metrics sent to <c>POST /v1/metrics</c>, selected by <see cref="Otlp"/>) <c>prometheus</c> (PromQL read once a minute, <see cref="Prometheus"/>) or <c>check</c> (a synthetic check's results, <see cref="Check"/>).</summary>
    public string? Source { get; init; }
    /// <summary>Required for source <c>otlp</c>, refused otherwise: which metrics count good and total events.</summary>
    public SliOtlpSource? Otlp { get; init; }
    /// <summary>Required for source <c>prometheus</c>, refused otherwise: where to read and what to ask.</summary>
    public SliPrometheusSource? Prometheus { get; init; }
    /// <summary>Required for source <c>check</c>, refused otherwise: the synthetic check whose results are the events. A ratio SLI counts
    /// results that were not down as good; a latency SLI counts those that were not down and took at most <see cref="LatencyThresholdMs"/>.</summary>
    public string? Check { get; init; }
}

/// <summary>
/// Selects OpenTelemetry metrics for an SLI. A ratio SLI names <see cref="Good"/> and <see cref="Total"/>: each selects monotonic sums (counters)
/// or the count of histograms. A latency SLI names <see cref="Histogram"/>: its events are the histogram's count, and the good ones those in
/// buckets at or below the SLI's latency threshold.
/// </summary>
public sealed record SliOtlpSource
{
    /// <summary>Ratio SLIs: the points whose increase counts good events.</summary>
    public OtlpMetricSelector? Good { get; init; }
    /// <summary>Ratio SLIs: the points whose increase counts all events.</summary>
    public OtlpMetricSelector? Total { get; init; }
    /// <summary>Latency SLIs: the histogram of durations (unit <c>s</c> or <c>ms</c>).</summary>
    public OtlpMetricSelector? Histogram { get; init; }
}

/// <summary>One metric, narrowed by attributes (resource and point attributes together; a point's own attribute wins).</summary>
public sealed record OtlpMetricSelector
{
    /// <summary>The metric's name exactly as sent, e.g. <c>http.server.request.duration</c> (required).</summary>
    public string? Metric { get; init; }
    /// <summary>Attributes a point must have, with these values. A value ending in <c>*</c> matches by prefix (<c>"2*"</c>).</summary>
    public Dictionary<string, string>? Attributes { get; init; }
    /// <summary>Attributes a point must not have with any of these values (same prefix rule), e.g. <c>{"http.response.status_code": ["5*"]}</c>.</summary>
    public Dictionary<string, string[]>? ExcludeAttributes { get; init; }
}

/// <summary>
/// Reads an SLI from any engine with the Prometheus HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics). Either <see cref="Good"/> and
/// <see cref="Total"/>, or <see cref="ErrorRatio"/>. Every query contains <c>{{window}}</c> where its range goes; Unyo asks for one minute at a time.
/// </summary>
public sealed record SliPrometheusSource
{
    /// <summary>The engine's base URL, e.g. <c>http://prometheus:9090</c> (for Mimir, including its prefix such as <c>/prometheus</c>).</summary>
    public string? Url { get; init; }
    /// <summary>Good events in the window, e.g. <c>sum(increase(http_requests_total{code!~"5.."}[{{window}}]))</c>.</summary>
    public string? Good { get; init; }
    /// <summary>All events in the window, e.g. <c>sum(increase(http_requests_total[{{window}}]))</c>.</summary>
    public string? Total { get; init; }
    /// <summary>Instead of good and total: the share of bad events in the window, 0 to 1. Every minute with data then weighs the same.</summary>
    public string? ErrorRatio { get; init; }
}

/// <summary>A service level indicator. The <c>ETag</c> header of a single-SLI response carries its revision.</summary>
/// <param name="Name">Slug, unique in the organisation.</param>
/// <param name="Service">Slug of the service it measures.</param>
/// <param name="Team">Slug of the team that owns the service (and so the SLI).</param>
/// <param name="Description">What a good event is, if described.</param>
/// <param name="Kind">ratio or latency.</param>
/// <param name="LatencyThresholdMs">The latency threshold of a latency SLI; null for ratio SLIs.</param>
/// <param name="Source">Where the events come from: native, otlp or prometheus.</param>
/// <param name="Otlp">The metric selection of an otlp SLI; null otherwise.</param>
/// <param name="Prometheus">The queries of a prometheus SLI; null otherwise.</param>
/// <param name="Check">The check of a check SLI; null otherwise.</param>
/// <param name="ManagedBy">api, ui or apply: only apply-managed objects are ever pruned.</param>
/// <param name="Revision">Increases with every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record SliResponse(
    string Name,
    string Service,
    string Team,
    string? Description,
    string Kind,
    int? LatencyThresholdMs,
    string Source,
    SliOtlpSource? Otlp,
    SliPrometheusSource? Prometheus,
    string? Check,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
