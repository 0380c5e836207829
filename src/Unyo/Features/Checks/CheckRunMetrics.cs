using Prometheus;
using Unyo.Features.Checks.Probes;

namespace Unyo.Features.Checks;

public static class CheckRunMetrics
{
    private static readonly Counter Runs = Metrics.CreateCounter("unyo_check_runs_total", "Check runs on this node, by outcome.", "outcome");
    private static readonly Counter Skips = Metrics.CreateCounter("unyo_check_runs_skipped_total", "Check runs skipped on this node, by reason.", "reason");
    private static readonly Counter Stored = Metrics.CreateCounter("unyo_check_results_stored_total", "Check results written to the database by this node.");

    public static void Ran(ProbeOutcome outcome) => Runs.WithLabels(outcome.ToName()).Inc();

    public static void Skipped(string reason) => Skips.WithLabels(reason).Inc();

    public static void StoredResults(int count) => Stored.Inc(count);
}
