using BenchmarkDotNet.Running;

// `otlp-cpu` measures OTLP decoding by CPU time rather than wall time, for a machine shared with
// other work (see docs/benchmarks.md); everything else goes to BenchmarkDotNet.
if (args is ["otlp-cpu", ..])
{
    Unyo.Benchmarks.OtlpCpuTime.Run();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Unyo.Benchmarks.DependencyGraphBenchmarks).Assembly).Run(args);
