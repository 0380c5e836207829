using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// Failed sign-ins per account and per client address. Accounts are keyed by the email as typed,
// whether or not such an account exists, so a lockout says nothing about which accounts exist.
// Rows live in the database, so every node sees the same counts.
public sealed class SignInThrottle(UnyoDb db, TimeProvider time)
{
    public const int AccountLimit = 5;
    public const int AddressLimit = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    // When the next attempt may be made, or null when it may be made now.
    public async Task<DateTimeOffset?> LockedUntilAsync(string account, string? address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var keys = Keys(account, address);
        var locks = await db.SignInAttempts.Where(a => keys.Contains(a.Key) && a.LockedUntil > now).Select(a => a.LockedUntil).ToListAsync(cancellationToken);
        return locks.Count == 0 ? null : locks.Max();
    }

    // Counts a failure; true when it locked the account or the address. The caller saves.
    public async Task<bool> FailedAsync(string account, string? address, CancellationToken cancellationToken)
    {
        var now = time.StoredNow();
        var keys = Keys(account, address);
        var rows = await db.SignInAttempts.Where(a => keys.Contains(a.Key)).ToDictionaryAsync(a => a.Key, cancellationToken);
        var locked = false;
        foreach (var key in keys)
        {
            if (!rows.TryGetValue(key, out var row))
            {
                row = new SignInAttempt { Key = key, WindowStart = now };
                db.SignInAttempts.Add(row);
            }
            if (now - row.WindowStart > Window)
            {
                (row.Failures, row.WindowStart) = (0, now);
            }
            row.Failures++;
            if (row.Failures >= (key.StartsWith("account:", StringComparison.Ordinal) ? AccountLimit : AddressLimit))
            {
                row.LockedUntil = now + LockFor;
                (row.Failures, row.WindowStart) = (0, now);
                locked = true;
            }
        }
        return locked;
    }

    // A right password clears the account's count (not the address's: one right password
    // between many wrong ones must not reset a scan).
    public Task SucceededAsync(string account, CancellationToken cancellationToken) =>
        db.SignInAttempts.Where(a => a.Key == $"account:{account}").ExecuteDeleteAsync(cancellationToken);

    private static List<string> Keys(string account, string? address) =>
        address is null ? [$"account:{account}"] : [$"account:{account}", $"address:{address}"];
}
