using Prometheus;

namespace Unyo.Features.Telemetry.Otlp;

// What OTLP ingest reports on /metrics.
public static class OtlpMetrics
{
    public static readonly Counter Refused = Metrics.CreateCounter("unyo_otlp_refused_total", "OTLP export requests refused, by reason: media_type (415), too_large (413), malformed (400), queue_full (429), contended (503).", "reason");
    public static readonly Counter Points = Metrics.CreateCounter("unyo_otlp_points_total", "Data points of metrics that SLIs select: used, or rejected (reported as partial success).", "outcome");
}
