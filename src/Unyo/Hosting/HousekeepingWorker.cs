namespace Unyo.Hosting;

// Forgets what no longer needs keeping (expired idempotency records, old sign-in counts: every
// registered IHousekeepingTask), on one node at a time.
public sealed class HousekeepingWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<HousekeepingWorker> logger)
    : LeasedWorker(scopes, time, logger)
{
    public override string Name => "housekeeping";

    public override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override TimeSpan LeaseFor => Interval / 2;

    protected override async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var task in services.GetServices<IHousekeepingTask>())
        {
            var forgotten = await task.RunAsync(cancellationToken);
            if (forgotten > 0)
            {
                logger.LogInformation("Forgot {Count} {Task}", forgotten, task.Name);
            }
        }
    }
}
