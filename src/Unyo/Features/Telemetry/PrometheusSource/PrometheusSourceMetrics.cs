using Prometheus;

namespace Unyo.Features.Telemetry.PrometheusSource;

// What reading prometheus SLIs reports on /metrics.
public static class PrometheusSourceMetrics
{
    private static readonly Counter Queries = Metrics.CreateCounter("unyo_prometheus_source_queries_total", "PromQL queries sent to engines by prometheus SLIs.", "outcome");
    private static readonly Histogram Duration = Metrics.CreateHistogram("unyo_prometheus_source_query_duration_seconds", "How long engines took to answer (or to fail).",
        new HistogramConfiguration { Buckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    private static readonly Counter Minutes = Metrics.CreateCounter("unyo_prometheus_source_minutes_total", "SLI minutes read from engines: written, failed (retried next cycle) or given up past the late horizon.", "outcome");

    public static void Queried(bool ok, TimeSpan took)
    {
        Queries.WithLabels(ok ? "success" : "error").Inc();
        Duration.Observe(took.TotalSeconds);
    }

    public static void Read(int written, int failed, int givenUp)
    {
        Minutes.WithLabels("written").Inc(written);
        Minutes.WithLabels("failed").Inc(failed);
        Minutes.WithLabels("given_up").Inc(givenUp);
    }
}
