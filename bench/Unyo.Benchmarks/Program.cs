using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Unyo.Benchmarks.DependencyGraphBenchmarks).Assembly).Run(args);
