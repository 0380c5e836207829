namespace Unyo.Features.Audit;

// Closes the minutes of RefusedRequests: every few seconds it writes the counts of the minutes
// that are over, and on shutdown those of every minute still open, so no count is lost.
public sealed class RefusedRequestsFlush(RefusedRequests refusals, TimeProvider time, ILogger<RefusedRequestsFlush> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(time.GetUtcNow(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(DateTimeOffset.MaxValue, cancellationToken);
    }

    private async Task FlushAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await refusals.FlushAsync(now, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database may be away for a moment: this round's counts are lost, and the log says so.
            logger.LogWarning(exception, "Could not write the counts of refused requests to the audit log");
        }
    }
}
