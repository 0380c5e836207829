namespace Unyo.Features.Alerts.Silences;

// Keeps this node's SilenceBook current: a load at start, then a cheap look every second.
public sealed class SilenceBookWorker(SilenceBook book, TimeProvider time, ILogger<SilenceBookWorker> logger) : BackgroundService
{
    public static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LookEvery, time);
        do
        {
            try
            {
                await book.RefreshAsync(force: false, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be away for a moment; the book keeps what it had.
                logger.LogWarning(exception, "Silences could not be re-read; using the ones read before");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
