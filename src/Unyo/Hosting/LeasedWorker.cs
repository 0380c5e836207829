namespace Unyo.Hosting;

// Background work that runs every Interval on one node at a time: each tick claims a database
// lease named after the worker and skips when another node holds it. A failed run is logged and
// counted; the next tick tries again.
public abstract class LeasedWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    public abstract string Name { get; }

    public abstract TimeSpan Interval { get; }

    // How long a claim lasts. Longer than Interval keeps the work on the node that has it (it
    // renews at every tick); shorter lets nodes take turns.
    protected abstract TimeSpan LeaseFor { get; }

    protected abstract Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WorkerMetrics.Failed(Name);
                logger.LogError(exception, "{Worker} failed; retrying in {Interval}", Name, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<LeaseClaims>().TryClaimAsync(Name, LeaseFor, cancellationToken))
        {
            WorkerMetrics.Skipped(Name);
            return;
        }
        await RunAsync(scope.ServiceProvider, cancellationToken);
        WorkerMetrics.Succeeded(Name, time.GetUtcNow());
    }
}
