using Prometheus;

namespace Unyo.Hosting;

// What every background worker reports on /metrics: runs, failures and the last success.
public static class WorkerMetrics
{
    private static readonly Counter Runs = Metrics.CreateCounter("unyo_worker_runs_total", "Background worker runs.", "worker", "outcome");
    private static readonly Gauge LastSuccess = Metrics.CreateGauge("unyo_worker_last_success_timestamp_seconds", "When the worker last ran successfully (Unix time).", "worker");

    public static void Succeeded(string worker, DateTimeOffset at)
    {
        Runs.WithLabels(worker, "success").Inc();
        LastSuccess.WithLabels(worker).Set(at.ToUnixTimeMilliseconds() / 1000.0);
    }

    public static void Failed(string worker) => Runs.WithLabels(worker, "failure").Inc();

    public static void Skipped(string worker) => Runs.WithLabels(worker, "skipped").Inc();
}
