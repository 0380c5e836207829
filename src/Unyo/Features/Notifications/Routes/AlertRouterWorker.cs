namespace Unyo.Features.Notifications.Routes;

// Keeps this node's AlertRouter current: a load at start, then a cheap look every second.
public sealed class AlertRouterWorker(AlertRouter router, TimeProvider time, ILogger<AlertRouterWorker> logger) : BackgroundService
{
    public static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LookEvery, time);
        do
        {
            try
            {
                await router.RefreshAsync(force: false, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be away for a moment; the router keeps the table it had.
                logger.LogWarning(exception, "Alert routes could not be re-read; using the ones read before");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
