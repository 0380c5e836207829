using Unyo.Hosting;

namespace Unyo.Features.Alerts.Sources;

// Keeps the alerts of Unyo's own sources in line with their state. Every SweepEvery, one node (the
// lease holder) compares open burn alerts and failing checks with open internal alerts and
// triggers or resolves what differs: so a crash between an SLO's or a check's commit and the
// submit loses nothing. A nudge (a check changed, an evaluation opened or closed a burn alert)
// sweeps at once on the node that made the change, without the lease: a sweep is idempotent, and
// two at once only count an alert's occurrence twice. The pace is wall-clock (see RefreshWorker).
public sealed class InternalAlertWorker(InternalAlertNudge nudge, IServiceScopeFactory scopes, TimeProvider time, ILogger<InternalAlertWorker> logger) : BackgroundService
{
    public const string Name = "internal-alerts";
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(15);

    // One sweep at a time on a node: two that overlap could both replace a degraded check's
    // warning, the later resolving the critical alert the earlier just opened.
    private readonly SemaphoreSlim _one = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nudged = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(leased: !nudged, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WorkerMetrics.Failed(Name);
                logger.LogError(exception, "Sweeping internal alerts failed; retrying in {Interval}", SweepEvery);
            }
            try
            {
                nudged = await nudge.WaitAsync(SweepEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // One sweep; leased: only if this node holds (or takes) the sweep's lease.
    public async Task SweepAsync(bool leased, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            await SweepOnceAsync(leased, cancellationToken);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task SweepOnceAsync(bool leased, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (leased && !await scope.ServiceProvider.GetRequiredService<LeaseClaims>().TryClaimAsync(Name, SweepEvery * 2, cancellationToken))
        {
            WorkerMetrics.Skipped(Name);
            return;
        }
        var (triggered, resolved) = await scope.ServiceProvider.GetRequiredService<InternalAlertSweep>().RunAsync(cancellationToken);
        if (triggered + resolved > 0)
        {
            logger.LogInformation("Internal alerts: {Triggered} triggered, {Resolved} resolved", triggered, resolved);
        }
        WorkerMetrics.Succeeded(Name, time.GetUtcNow());
    }

    public override void Dispose()
    {
        _one.Dispose();
        base.Dispose();
    }
}
