using Unyo.Hosting;

namespace Unyo.Features.Telemetry.PrometheusSource;

// Reads every prometheus SLI once a minute, on one node at a time.
public sealed class PrometheusSourceWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<PrometheusSourceWorker> logger)
    : LeasedWorker(scopes, time, logger)
{
    private readonly TimeProvider _time = time;

    public override string Name => "prometheus-source";

    public override TimeSpan Interval => TimeSpan.FromMinutes(1);

    // As SLO evaluation: the holder renews at every tick; if it dies another takes over in 90 s.
    // Should two nodes ever read at once, each minute is replaced, never added, so nothing doubles.
    protected override TimeSpan LeaseFor => Interval * 1.5;

    protected override Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<PrometheusSourceCycle>().ReadAllAsync(_time.GetUtcNow(), cancellationToken);
}
