using Unyo.Hosting;

namespace Unyo.Features.Slos.Sla;

// Keeps the SLO month records of SLA reports current (SloMonthRefresher), every five minutes on
// one node at a time. Each run stops after a minute of work; the rest waits for the next run.
public sealed class SloMonthWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<SloMonthWorker> logger)
    : LeasedWorker(scopes, time, logger)
{
    private static readonly TimeSpan WorkPerRun = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _time = time;

    public override string Name => "slo-months";

    public override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override TimeSpan LeaseFor => Interval * 1.5;

    protected override Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<SloMonthRefresher>().RefreshAsync(_time.GetUtcNow(), WorkPerRun, cancellationToken);
}
