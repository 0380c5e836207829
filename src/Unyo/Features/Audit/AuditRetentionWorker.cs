using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Audit;

// Deletes audit records older than the retention (UNYO_AUDIT_RETENTION_DAYS, default 400), once a
// day, on one node at a time. It is the only code that deletes audit records.
public sealed class AuditRetentionWorker(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<AuditRetentionWorker> logger) : BackgroundService
{
    public const string Name = "audit-retention";
    public const int DefaultRetentionDays = 400;
    private static readonly TimeSpan Interval = TimeSpan.FromHours(24);

    public TimeSpan Retention => TimeSpan.FromDays(
        int.TryParse(configuration["UNYO_AUDIT_RETENTION_DAYS"], out var days) && days >= 1 ? days : DefaultRetentionDays);

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
                logger.LogError(exception, "Audit retention failed; retrying in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<LeaseClaims>().TryClaimAsync(Name, TimeSpan.FromHours(1), cancellationToken))
        {
            WorkerMetrics.Skipped(Name);
            return 0;
        }
        var cutoff = time.GetUtcNow() - Retention;
        var deleted = await scope.ServiceProvider.GetRequiredService<UnyoDb>().AuditRecords
            .Where(r => r.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} audit records older than {Days} days", deleted, Retention.TotalDays);
        }
        WorkerMetrics.Succeeded(Name, time.GetUtcNow());
        return deleted;
    }
}
