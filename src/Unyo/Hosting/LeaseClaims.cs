using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Hosting;

// Claims leases through conditional writes, which both SQLite and PostgreSQL make atomic:
// whichever node's UPDATE matches the expired row (or whose INSERT wins the primary key) holds it.
public sealed class LeaseClaims(UnyoDb db, TimeProvider time)
{
    public static readonly string NodeId = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}", 200);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[^length..];

    public async Task<bool> TryClaimAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + duration;
        var updated = await db.Leases
            .Where(l => l.Name == name && (l.Holder == NodeId || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, NodeId).SetProperty(l => l.ExpiresAt, expires), cancellationToken);
        if (updated == 1)
        {
            return true;
        }
        if (await db.Leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }
        db.Leases.Add(new Lease { Name = name, Holder = NodeId, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
