using Unyo.Hosting;

namespace Unyo.Features.Telemetry.Ingest;

// Drains the ingest queue into SliMinutes: every FlushInterval, and at once when the queue is
// half full. On shutdown it writes what is still queued before the process ends. The interval is
// wall-clock pacing, not domain time (see RefreshWorker), so the timer runs on the real clock.
public sealed class SliIngestWorker(SliMinuteWriter writer, TimeProvider time, ILogger<SliIngestWorker> logger) : BackgroundService
{
    public const string Name = "sli-ingest";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SliIngestOptions.FlushInterval);
        Task<bool>? tick = null;
        Task<bool>? backlog = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            backlog ??= writer.WaitForBacklogAsync(stoppingToken).AsTask();
            var woke = await Task.WhenAny(tick, backlog);
            if (woke.IsCanceled)
            {
                return;
            }
            if (woke == tick)
            {
                tick = null;
            }
            else
            {
                backlog = null;
            }
            await FlushAsync(stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        writer.Complete();
        await FlushAsync(cancellationToken, all: true);
    }

    private async Task FlushAsync(CancellationToken cancellationToken, bool all = false)
    {
        try
        {
            var written = all ? await writer.FlushAllAsync(cancellationToken) : await writer.FlushAsync(cancellationToken);
            if (written > 0)
            {
                WorkerMetrics.Succeeded(Name, time.GetUtcNow());
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            WorkerMetrics.Failed(Name);
            logger.LogError(exception, "Writing SLI minutes failed; the batch is kept and retried, and senders get 429 once the queue is full");
        }
    }
}
