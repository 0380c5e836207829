using Prometheus;

namespace Unyo.Features.Telemetry.Ingest;

// What SLI ingest reports on /metrics.
public static class SliIngestMetrics
{
    public static readonly Counter EventsAccepted = Metrics.CreateCounter("unyo_sli_events_accepted_total", "Items of events[] accepted by POST /api/v1/sli-events.");
    public static readonly Counter Refused = Metrics.CreateCounter("unyo_sli_ingest_refused_total", "SLI event batches refused, by reason (the first problem of a 400, or queue_full for 429).", "reason");
    public static readonly Gauge QueueDepth = Metrics.CreateGauge("unyo_sli_ingest_queue_depth", "Accepted batches waiting for the writer.");
    public static readonly Histogram FlushDuration = Metrics.CreateHistogram("unyo_sli_flush_duration_seconds", "How long one flush of SLI minutes to the database took.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
    public static readonly Counter RowsUpserted = Metrics.CreateCounter("unyo_sli_rows_upserted_total", "SLI minute rows added to (inserted or updated).");
}
