using Unyo.Hosting;

namespace Unyo.Features.OnCall.Escalation;

// Fires due escalation steps on every node: the escalation's Revision token lets one node write
// each step, so no lease is needed and a node that dies mid-step leaves it for the others. It
// looks every second on the real clock (wall-clock pacing, see RefreshWorker) and at once when
// woken by a new escalation on this node; what is due is judged by the TimeProvider.
public sealed class EscalationWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<EscalationWorker> logger) : BackgroundService
{
    public const string Name = "escalations";
    private const int Batch = 200;
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake or about to be.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Task? woken = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = 0;
            try
            {
                due = await FireDueAsync(stoppingToken);
                WorkerMetrics.Succeeded(Name, time.GetUtcNow());
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WorkerMetrics.Failed(Name);
                logger.LogWarning(exception, "Escalation steps could not be fired; trying again shortly");
            }
            if (due >= Batch)
            {
                continue;
            }
            woken ??= _wake.WaitAsync(stoppingToken);
            try
            {
                await Task.WhenAny(woken, Task.Delay(LookEvery, stoppingToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (woken.IsCompleted)
            {
                woken = null;
            }
        }
    }

    private async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<EscalationEngine>().DueAsync(Batch, cancellationToken);
        }
        // One transaction for the batch; if another node or an acknowledgement touched one of
        // them meanwhile, each is fired on its own (those already done are skipped).
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (due.Count > 0 && await scope.ServiceProvider.GetRequiredService<EscalationEngine>().FireBatchAsync(due, cancellationToken) is not null)
            {
                scope.ServiceProvider.GetRequiredService<IPersonalPager>().OnCommitted();
                return due.Count;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "A batch of {Count} escalation steps failed; firing them one by one", due.Count);
        }
        foreach (var id in due)
        {
            // A scope per step: a failed step's tracked rows never leak into the next, and one
            // step that fails (its policy unreadable, the database away) does not hold up the rest.
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                if (await scope.ServiceProvider.GetRequiredService<EscalationEngine>().FireAsync(id, cancellationToken))
                {
                    scope.ServiceProvider.GetRequiredService<IPersonalPager>().OnCommitted();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WorkerMetrics.Failed(Name);
                logger.LogWarning(exception, "Escalation {Id} could not fire its step; it is tried again on the next look", id);
            }
        }
        return due.Count;
    }
}
