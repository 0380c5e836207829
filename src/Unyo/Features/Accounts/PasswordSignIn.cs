using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// Checks an email and password. Unknown emails cost a hash verification too, so the answer and
// its timing do not reveal which accounts exist.
public sealed class PasswordSignIn(UnyoDb db, IPasswordHasher<User> hasher, TimeProvider time, AuditLog audit)
{
    public const int MinimumPasswordLength = 12;

    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<User>().HashPassword(null!, Guid.NewGuid().ToString()));

    public async Task<User?> CheckAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        var user = normalized.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        var result = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? DecoyHash.Value, password ?? "");
        if (user is null || result == PasswordVerificationResult.Failed)
        {
            audit.RecordSignIn("signin.failed", user?.Id, normalized, "ui");
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password!);
        }
        user.LastSignInAt = time.StoredNow();
        audit.RecordSignIn("signin.succeeded", user.Id, user.Email, "ui");
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }
}
