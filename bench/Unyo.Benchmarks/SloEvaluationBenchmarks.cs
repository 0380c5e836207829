using BenchmarkDotNet.Attributes;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;

namespace Unyo.Benchmarks;

/// One SLO evaluated from its minute buckets: the evaluator's cost per SLO per cycle (the
/// database read comes on top). Issue 4's goal is 10,000 such SLOs in one second.
[MemoryDiagnoser]
public class SloEvaluationBenchmarks
{
    private static readonly DateTimeOffset At = new(2026, 3, 31, 12, 0, 30, TimeSpan.Zero);
    private readonly SloDefinition _definition = new(0.999, SloWindow.RollingDays(30), BudgetingMethod.Occurrences, BurnRateRule.WorkbookDefaults);
    private List<SliMinute> _minutes = [];

    [Params(30)]
    public int Days { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var first = SliMinute.Of(At) - Days * 1440 + 1;
        _minutes = [.. Enumerable.Range(0, Days * 1440).Select(i => new SliMinute { Minute = first + i, Good = 999 - i % 3, Total = 1000 })];
    }

    [Benchmark]
    public double? Evaluate() => SloCalculator.Evaluate(_definition, _minutes, At).BudgetRemaining;
}
