using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Actions;

// Wakes snoozed alerts whose time came: triggered again and routed anew (AlertActions.WakeAsync).
// Runs on every node; the alert's Revision token lets one node win each wake, so no lease is
// needed. How often it looks is wall-clock pacing (see RefreshWorker); what is due is judged by
// the TimeProvider, so a test clock decides it.
public sealed class SnoozeWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<SnoozeWorker> logger) : BackgroundService
{
    public const string Name = "alert-snoozes";
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(5);
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WakeDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WorkerMetrics.Failed(Name);
                logger.LogError(exception, "Waking snoozed alerts failed; trying again in {Interval}", LookEvery);
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

    // Wakes every alert whose snooze ran out; returns how many this node woke.
    public async Task<int> WakeDueAsync(CancellationToken cancellationToken)
    {
        var woken = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
            var now = time.GetUtcNow();
            var due = await db.Alerts.AsNoTracking()
                .Where(a => a.Status == AlertStatus.Acknowledged && a.SnoozedUntil != null && a.SnoozedUntil <= now)
                .OrderBy(a => a.SnoozedUntil).Select(a => a.Id).Take(Batch).ToListAsync(cancellationToken);
            var actions = scope.ServiceProvider.GetRequiredService<AlertActions>();
            foreach (var id in due)
            {
                if (await actions.WakeAsync(id, cancellationToken) == AlertActions.Outcome.Done)
                {
                    woken++;
                }
            }
            if (due.Count < Batch)
            {
                WorkerMetrics.Succeeded(Name, now);
                return woken;
            }
        }
    }
}
