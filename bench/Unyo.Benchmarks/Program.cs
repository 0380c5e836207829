using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "slo-cycle")
{
    return await Unyo.Benchmarks.SloCycleScenario.RunAsync(args);
}
BenchmarkSwitcher.FromAssembly(typeof(Unyo.Benchmarks.DependencyGraphBenchmarks).Assembly).Run(args);
return 0;
