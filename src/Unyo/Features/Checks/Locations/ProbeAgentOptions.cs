namespace Unyo.Features.Checks.Locations;

// How a probe agent paces itself; the defaults suit thousands of checks at one location.
public sealed record ProbeAgentOptions(int Concurrency = 256, int PerHost = 16, int BufferSize = 100_000)
{
    public TimeSpan AssignmentsEvery { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan SendEvery { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryEvery { get; init; } = TimeSpan.FromSeconds(5);
    // Until the first fetch succeeds: 1 s, 2 s, 4 s… up to StartRetryMax between tries.
    public TimeSpan StartRetryFirst { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan StartRetryMax { get; init; } = TimeSpan.FromSeconds(30);
}
