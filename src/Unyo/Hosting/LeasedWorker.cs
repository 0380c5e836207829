namespace Unyo.Hosting;

// Background work that runs every Interval on one node at a time: each tick claims a database
// lease named after the worker and skips when another node holds it. A failed run is logged and
// counted; the next tick tries again.
public abstract class LeasedWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    public abstract string Name { get; }

    public abstract TimeSpan Interval { get; }

    // How long a claim lasts. Longer than Interval keeps the work on the node that has it (it
    // renews at every tick, and during a run that lasts); shorter lets nodes take turns.
    protected abstract TimeSpan LeaseFor { get; }

    protected abstract Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);

    // Waits with one-shot delays, not a PeriodicTimer: on a test clock that jumps months, a periodic
    // timer fires once for every missed interval while the jump is under way, and a run for each.
    // After a jump (or a run longer than Interval) the next run starts at once, and only one.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = time.GetUtcNow() + Interval;
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WorkerMetrics.Failed(Name);
                logger.LogError(exception, "{Worker} failed; retrying in {Interval}", Name, Interval);
            }
            var wait = next - time.GetUtcNow();
            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<LeaseClaims>().TryClaimAsync(Name, LeaseFor, cancellationToken))
        {
            WorkerMetrics.Skipped(Name);
            return;
        }
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keeping = KeepLeaseAsync(running);
        try
        {
            await RunAsync(scope.ServiceProvider, running.Token);
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The lease was lost mid-run (KeepLeaseAsync said why): the node that holds it now
            // does the work; this one stops rather than doing it twice.
            WorkerMetrics.Failed(Name);
            return;
        }
        finally
        {
            await running.CancelAsync();
            await keeping;
        }
        WorkerMetrics.Succeeded(Name, time.GetUtcNow());
    }

    // A run that outlasts its lease (a first evaluation over a large database, say) would let
    // another node claim the lease and start the same work. While a run lasts, the claim is
    // renewed every third of LeaseFor; if another node holds it all the same, the run is cancelled.
    private async Task KeepLeaseAsync(CancellationTokenSource running)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseFor / 3, time, running.Token);
                bool held;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    held = await scope.ServiceProvider.GetRequiredService<LeaseClaims>().TryClaimAsync(Name, LeaseFor, running.Token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A busy database: the lease still has two thirds of its time; try again.
                    logger.LogWarning(exception, "{Worker} could not renew its lease mid-run", Name);
                    continue;
                }
                if (!held)
                {
                    logger.LogWarning("{Worker} lost its lease to another node mid-run; stopping this run", Name);
                    await running.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended (or the host is stopping).
        }
    }
}
