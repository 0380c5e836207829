using Unyo.Hosting;

namespace Unyo.Features.Checks;

// Drains the result queue every second; on shutdown it writes what is still queued. The second is
// wall-clock pacing, not domain time (see RefreshWorker), so the timer runs on the real clock.
public sealed class CheckResultWorker(CheckResultWriter writer, TimeProvider time, ILogger<CheckResultWorker> logger) : BackgroundService
{
    public const string Name = "check-results";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            var written = await writer.FlushAllAsync(cancellationToken);
            if (written > 0)
            {
                CheckRunMetrics.StoredResults(written);
                WorkerMetrics.Succeeded(Name, time.GetUtcNow());
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WorkerMetrics.Failed(Name);
            logger.LogError(exception, "Writing check results failed; they are kept and written again");
        }
    }
}
