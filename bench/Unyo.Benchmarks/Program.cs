using BenchmarkDotNet.Running;

// Three scenarios run outside BenchmarkDotNet: `slo-cycle` drives the evaluation worker against a
// real database, `slo-months` the SLA month worker at the turn of a month, and `otlp-cpu`
// measures OTLP decoding by CPU time rather than wall time, for a machine shared with other work,
// and `checks-10k` runs a `unyo serve` process with thousands of HTTP checks and measures its CPU
// (see docs/benchmarks.md). Everything else goes to BenchmarkDotNet.
if (args is ["slo-cycle", ..])
{
    return await Unyo.Benchmarks.SloCycleScenario.RunAsync(args);
}
if (args is ["slo-months", ..])
{
    return await Unyo.Benchmarks.SloMonthsScenario.RunAsync(args);
}
if (args is ["checks-10k", ..])
{
    return await Unyo.Benchmarks.ChecksScenario.RunAsync(args);
}
if (args is ["otlp-cpu", ..])
{
    Unyo.Benchmarks.OtlpCpuTime.Run();
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Unyo.Benchmarks.DependencyGraphBenchmarks).Assembly).Run(args);
return 0;
