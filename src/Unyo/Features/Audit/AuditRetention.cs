using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Audit;

// Deletes audit records older than the retention (UNYO_AUDIT_RETENTION_DAYS, default 400). It
// runs with the housekeeping worker (one node at a time) and is the only code that deletes
// audit records.
public sealed class AuditRetention(UnyoDb db, TimeProvider time, IConfiguration configuration) : IHousekeepingTask
{
    public const int DefaultRetentionDays = 400;

    public string Name => "audit records past their retention";

    public TimeSpan Retention => TimeSpan.FromDays(
        int.TryParse(configuration["UNYO_AUDIT_RETENTION_DAYS"], out var days) && days >= 1 ? days : DefaultRetentionDays);

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - Retention;
        return db.AuditRecords.Where(r => r.At < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
