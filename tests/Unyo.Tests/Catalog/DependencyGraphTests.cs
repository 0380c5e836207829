using Unyo.Features.Catalog;

namespace Unyo.Tests.Catalog;

public sealed class DependencyGraphTests
{
    private static Dictionary<string, IReadOnlyList<string>> Edges(params (string From, string[] To)[] edges) =>
        edges.ToDictionary(e => e.From, e => (IReadOnlyList<string>)e.To);

    [Fact]
    public void AChainHasNoCycle() =>
        Assert.Null(DependencyGraph.FindCycle(Edges(("a", ["b"]), ("b", ["c"]), ("c", []))));

    [Fact]
    public void ADiamondHasNoCycle() =>
        Assert.Null(DependencyGraph.FindCycle(Edges(("a", ["b", "c"]), ("b", ["d"]), ("c", ["d"]))));

    [Fact]
    public void ALoopIsReportedAsAPath() =>
        Assert.Equal(["b", "c", "d", "b"], DependencyGraph.FindCycle(Edges(("a", ["b"]), ("b", ["c"]), ("c", ["d"]), ("d", ["b"]))));

    [Fact]
    public void ALongChainDoesNotOverflowTheStack()
    {
        var edges = Enumerable.Range(0, 100_000).ToDictionary(i => $"s{i}", i => (IReadOnlyList<string>)[$"s{i + 1}"]);
        edges["s100000"] = ["s0"];

        var cycle = DependencyGraph.FindCycle(edges);

        Assert.NotNull(cycle);
        Assert.Equal(100_002, cycle.Count);
    }
}
