using Unyo.Hosting;

namespace Unyo.Features.Checks;

// Runs the checks of the local location on the node that holds the "checks-local" lease, through
// a CheckDispatcher; results go to the queue, the result writer does the rest.
public sealed class CheckScheduler(
    IServiceScopeFactory scopes,
    TimeProvider time,
    CheckRoster roster,
    CheckTargets targets,
    CheckResultQueue queue,
    Probes.ProbeRunner runner,
    CheckOptions options,
    ILogger<CheckScheduler> logger) : BackgroundService
{
    public const string LeaseName = "checks-local";
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(30);

    private readonly CheckDispatcher _dispatcher = new(time, runner, options.Concurrency, options.PerHostConcurrency, logger);
    private DateTimeOffset _leaseUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _claimedAt = DateTimeOffset.MinValue;

    public int Running => _dispatcher.Running;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RunLocal)
        {
            return;
        }
        // The tick is wall-clock pacing; what is due is judged by the TimeProvider (see RefreshWorker).
        using var timer = new PeriodicTimer(Tick);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WorkerMetrics.Failed(LeaseName);
                logger.LogError(exception, "The check scheduler failed a tick; trying again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await HoldsLeaseAsync(now, cancellationToken))
        {
            _dispatcher.Reset();
            return;
        }
        var plans = (await roster.CurrentAsync(cancellationToken)).Plans;
        _dispatcher.Dispatch(plans, CheckDefinition.LocalLocation, now, await targets.AllowListAsync(cancellationToken), queue.TryAdd, cancellationToken);
    }

    // Claims (and renews) the lease every third of its length; between claims the node trusts it.
    private async Task<bool> HoldsLeaseAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - _claimedAt < LeaseFor / 3 && now < _leaseUntil)
        {
            return true;
        }
        await using var scope = scopes.CreateAsyncScope();
        var held = await scope.ServiceProvider.GetRequiredService<LeaseClaims>().TryClaimAsync(LeaseName, LeaseFor, cancellationToken);
        _claimedAt = now;
        _leaseUntil = held ? now + LeaseFor : DateTimeOffset.MinValue;
        if (held)
        {
            WorkerMetrics.Succeeded(LeaseName, now);
        }
        return held;
    }
}
