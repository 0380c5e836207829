namespace Unyo.Hosting;

// Keeps an in-memory copy of some table current on this node: a load at start, then a cheap look
// every LookEvery. How often to look is wall-clock pacing, not domain time, so it waits on the real
// clock: on a test clock that jumps a month, a per-second timer would fire once per missed second
// while the jump is under way (millions of database reads) and stall the test.
public abstract class RefreshWorker(ILogger logger) : BackgroundService
{
    public static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(1);

    // What the copy holds, for the log ("silences", "alert routes").
    protected abstract string What { get; }

    protected abstract Task RefreshAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be away for a moment; the copy keeps what it had.
                logger.LogWarning(exception, "The {What} could not be re-read; using the ones read before", What);
            }
            try
            {
                await Task.Delay(LookEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
