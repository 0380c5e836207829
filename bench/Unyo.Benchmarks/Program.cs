using BenchmarkDotNet.Running;

// Six scenarios run outside BenchmarkDotNet: `slo-cycle` drives the evaluation worker against a
// real database, `slo-months` the SLA month worker at the turn of a month, `otlp-cpu`
// measures OTLP decoding by CPU time rather than wall time, for a machine shared with other work,
// `probe-http` counts HTTP probes per CPU-second against a local target (beside
// blackbox_exporter when installed; `probe-target` is its child process), and `checks-10k` runs a
// `unyo serve` process with thousands of HTTP checks and measures its CPU, `alert-delivery` times
// alerts from intake to a webhook receiver under a steady rate. See docs/benchmarks.md.
// Everything else goes to BenchmarkDotNet.
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
if (args is ["probe-http", ..])
{
    return await Unyo.Benchmarks.ProbeHttpScenario.RunAsync(args);
}
if (args is ["probe-target"])
{
    return await Unyo.Benchmarks.ProbeTarget.ServeAsync();
}
if (args is ["alert-delivery", ..])
{
    return await Unyo.Benchmarks.AlertDeliveryScenario.RunAsync(args);
}
if (args is ["escalation-lag", ..])
{
    return await Unyo.Benchmarks.EscalationScenario.RunAsync(args);
}
if (args is ["channel-send", ..])
{
    return await Unyo.Benchmarks.ChannelSendScenario.RunAsync(args);
}
if (args is ["incident-page", ..])
{
    return await Unyo.Benchmarks.IncidentPageScenario.RunAsync(args);
}
if (args is ["otlp-cpu", ..])
{
    Unyo.Benchmarks.OtlpCpuTime.Run();
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Unyo.Benchmarks.DependencyGraphBenchmarks).Assembly).Run(args);
return 0;
