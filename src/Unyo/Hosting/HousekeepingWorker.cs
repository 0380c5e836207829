namespace Unyo.Hosting;

// Forgets what no longer needs keeping (expired idempotency records, old sign-in counts: every
// registered IHousekeepingTask). One node does it at a time, through a lease.
public sealed class HousekeepingWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<HousekeepingWorker> logger) : BackgroundService
{
    public const string Name = "housekeeping";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

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
                logger.LogError(exception, "Housekeeping failed; retrying in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<LeaseClaims>();
        if (!await leases.TryClaimAsync(Name, Interval / 2, cancellationToken))
        {
            WorkerMetrics.Skipped(Name);
            return;
        }
        foreach (var task in scope.ServiceProvider.GetServices<IHousekeepingTask>())
        {
            var forgotten = await task.RunAsync(cancellationToken);
            if (forgotten > 0)
            {
                logger.LogInformation("Forgot {Count} {Task}", forgotten, task.Name);
            }
        }
        WorkerMetrics.Succeeded(Name, time.GetUtcNow());
    }
}
