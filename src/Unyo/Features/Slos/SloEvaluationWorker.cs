using Unyo.Hosting;

namespace Unyo.Features.Slos;

// Evaluates every SLO once a minute, on one node at a time (a lease), so each burn alert opens
// and closes once however many nodes run.
public sealed class SloEvaluationWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<SloEvaluationWorker> logger) : BackgroundService
{
    public const string Name = "slo-evaluation";
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

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
                logger.LogError(exception, "SLO evaluation failed; retrying in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Longer than the interval, so the holder renews it at every tick and no other node
        // evaluates meanwhile; if the holder dies, another takes over within 90 s.
        if (!await scope.ServiceProvider.GetRequiredService<LeaseClaims>().TryClaimAsync(Name, Interval * 1.5, cancellationToken))
        {
            WorkerMetrics.Skipped(Name);
            return;
        }
        await scope.ServiceProvider.GetRequiredService<SloEvaluator>().EvaluateAllAsync(time.GetUtcNow(), cancellationToken);
        WorkerMetrics.Succeeded(Name, time.GetUtcNow());
    }
}
