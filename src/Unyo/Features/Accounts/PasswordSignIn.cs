using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts.Mfa;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// Checks an email and password. Unknown emails cost a hash verification too, so the answer and
// its timing do not reveal which accounts exist. Repeated failures lock the account (as typed)
// and the client address for a while (SignInThrottle).
public sealed class PasswordSignIn(UnyoDb db, IPasswordHasher<User> hasher, TimeProvider time, AuditLog audit, SignInThrottle throttle, SecondFactor secondFactor, IHttpContextAccessor http)
{
    public const int MinimumPasswordLength = 12;

    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<User>().HashPassword(null!, Guid.NewGuid().ToString()));

    // Set when CheckAsync refused because of too many failures: when to try again.
    public DateTimeOffset? LockedUntil { get; private set; }

    public async Task<User?> CheckAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        LockedUntil = await throttle.LockedUntilAsync(normalized, address, cancellationToken);
        if (LockedUntil is not null)
        {
            audit.RecordSignIn("signin.refused-locked", null, normalized, "ui");
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        var user = normalized.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        var result = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? DecoyHash.Value, password ?? "");
        if (user is null || user.Disabled || result == PasswordVerificationResult.Failed)
        {
            audit.RecordSignIn("signin.failed", user?.Id, normalized, "ui");
            if (await throttle.FailedAsync(normalized, address, cancellationToken))
            {
                audit.RecordSignIn("signin.lockout", user?.Id, normalized, "ui");
            }
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        await throttle.SucceededAsync(normalized, cancellationToken);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password!);
        }
        // With a second factor the sign-in is not done yet: CheckSecondFactorAsync finishes it.
        if (await secondFactor.IsEnabledAsync(user.Id, cancellationToken))
        {
            audit.RecordSignIn("signin.password-accepted", user.Id, user.Email, "ui");
        }
        else
        {
            user.LastSignInAt = time.StoredNow();
            audit.RecordSignIn("signin.succeeded", user.Id, user.Email, "ui");
        }
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    // The second step: a TOTP or recovery code, counted against the same lockout as passwords,
    // so knowing the password does not allow guessing codes without limit.
    public async Task<bool> CheckSecondFactorAsync(User user, string? code, CancellationToken cancellationToken)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        LockedUntil = await throttle.LockedUntilAsync(user.Email, address, cancellationToken);
        if (LockedUntil is not null)
        {
            audit.RecordSignIn("signin.refused-locked", user.Id, user.Email, "ui");
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }
        if (!await secondFactor.VerifyAsync(user.Id, code, cancellationToken))
        {
            audit.RecordSignIn("signin.mfa-failed", user.Id, user.Email, "ui");
            if (await throttle.FailedAsync(user.Email, address, cancellationToken))
            {
                audit.RecordSignIn("signin.lockout", user.Id, user.Email, "ui");
            }
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }
        await throttle.SucceededAsync(user.Email, cancellationToken);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSignInAt, time.StoredNow()), cancellationToken);
        audit.RecordSignIn("signin.succeeded", user.Id, user.Email, "ui");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
