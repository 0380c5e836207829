using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Pipeline;

// Drains the intake queue: whatever waits is stored in one transaction, so under load a commit
// carries hundreds of requests and when quiet a single event is stored at once (no timer: the
// latency of a lone page is one commit). On shutdown, what is queued is stored before the end.
public sealed class AlertIntakeWorker(AlertIntakeQueue queue, IServiceScopeFactory scopes, TimeProvider time, ILogger<AlertIntakeWorker> logger) : BackgroundService
{
    public const string Name = "alert-intake";
    private const int MaxBatchEvents = 500;
    // Two nodes opening the same key at once, or an acknowledgement racing a repeat: the batch is
    // read again and retried; a batch that fails this often is refused (the callers get a 503).
    private const int Attempts = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.WaitAsync(stoppingToken))
            {
                await WriteAsync(queue.Take(MaxBatchEvents), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        queue.Complete();
        for (var batch = queue.Take(MaxBatchEvents); batch.Count > 0; batch = queue.Take(MaxBatchEvents))
        {
            await WriteAsync(batch, cancellationToken);
        }
    }

    private async Task WriteAsync(List<AlertSubmission> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var changes = await scope.ServiceProvider.GetRequiredService<AlertBatchWriter>().WriteAsync(batch, cancellationToken);
                foreach (var submission in batch)
                {
                    submission.Stored();
                }
                foreach (var observer in scope.ServiceProvider.GetServices<IAlertChangeObserver>())
                {
                    observer.OnCommitted(changes);
                }
                AlertMetrics.BatchSeconds.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
                WorkerMetrics.Succeeded(Name, time.GetUtcNow());
                return;
            }
            catch (Exception exception) when (Retryable(exception) && attempt < Attempts)
            {
                logger.LogInformation("Alert batch of {Count} requests met a concurrent write; retrying ({Attempt})", batch.Count, attempt);
            }
            catch (Exception exception)
            {
                // Cancelled only at shutdown, when the host stops waiting: the callers hear it too.
                WorkerMetrics.Failed(Name);
                logger.LogError(exception, "Storing a batch of {Count} alert requests failed; their callers are told to retry", batch.Count);
                foreach (var submission in batch)
                {
                    submission.Failed(exception);
                }
                return;
            }
        }
    }

    private static bool Retryable(Exception exception) =>
        exception is DbUpdateConcurrencyException || (exception is DbUpdateException update && DatabaseProvider.IsUniqueViolation(update));
}
