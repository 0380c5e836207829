using BenchmarkDotNet.Attributes;
using Unyo.Features.Catalog;

namespace Unyo.Benchmarks;

/// Cycle detection runs on every service write and every apply over the whole dependency graph.
[MemoryDiagnoser]
public class DependencyGraphBenchmarks
{
    private Dictionary<string, IReadOnlyList<string>> _edges = [];

    [Params(1_000, 10_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Each service depends on up to three earlier ones: a wide, acyclic graph.
        _edges = Enumerable.Range(0, Services).ToDictionary(
            i => $"service-{i}",
            i => (IReadOnlyList<string>)[.. new[] { i - 1, i / 2, i / 3 }.Where(d => d >= 0 && d < i).Distinct().Select(d => $"service-{d}")]);
    }

    [Benchmark]
    public bool FindCycle() => DependencyGraph.FindCycle(_edges) is null;
}
