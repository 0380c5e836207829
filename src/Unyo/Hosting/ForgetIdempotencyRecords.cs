using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Hosting;

public sealed class ForgetIdempotencyRecords(UnyoDb db, TimeProvider time) : IHousekeepingTask
{
    public string Name => "idempotency records";

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - IdempotencyFilter.Retention;
        return db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
