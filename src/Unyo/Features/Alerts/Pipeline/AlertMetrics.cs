using Prometheus;

namespace Unyo.Features.Alerts.Pipeline;

internal static class AlertMetrics
{
    public static readonly Counter Events = Metrics.CreateCounter(
        "unyo_alert_events_total", "Alert events stored, by action.", "action");

    public static readonly Counter Refused = Metrics.CreateCounter(
        "unyo_alert_events_refused_total", "Alert intake requests refused, by reason.", "reason");

    public static readonly Histogram BatchSeconds = Metrics.CreateHistogram(
        "unyo_alert_batch_duration_seconds", "Time to store one batch of alert events.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });
}
