using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Mfa;

// Everything a person does with their second factor: enrol, confirm, check a code at sign-in,
// renew recovery codes, turn it off. The API and the pages both call this.
public sealed partial class SecondFactor(UnyoDb db, IDataProtectionProvider protection, TimeProvider time, AuditLog audit, SignInThrottle throttle, IHttpContextAccessor http)
{
    public const int RecoveryCodeCount = 10;
    public const string WrongCode = "is not right, or was already used.";

    private readonly IDataProtector _protector = protection.CreateProtector("Unyo.Totp");

    public async Task<MfaStatusResponse> StatusAsync(Guid userId, CancellationToken cancellationToken)
    {
        var totp = await db.UserTotps.AsNoTracking().SingleOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        var left = await db.RecoveryCodes.CountAsync(c => c.UserId == userId && c.UsedAt == null, cancellationToken);
        var role = await db.Users.Where(u => u.Id == userId).Select(u => u.Role).SingleAsync(cancellationToken);
        var policy = await db.Organisations.Select(o => o.MfaPolicy).SingleAsync(cancellationToken);
        var enabled = totp?.ConfirmedAt is not null;
        return new MfaStatusResponse(enabled, totp is not null && !enabled, enabled ? left : 0, policy.Requires(role));
    }

    public Task<bool> IsEnabledAsync(Guid userId, CancellationToken cancellationToken) =>
        db.UserTotps.AnyAsync(t => t.UserId == userId && t.ConfirmedAt != null, cancellationToken);

    // A new secret each time: starting again replaces an unconfirmed one, never a confirmed one.
    public async Task<TotpEnrolmentResponse> StartAsync(Guid userId, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken);
        var totp = await db.UserTotps.SingleOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        if (totp?.ConfirmedAt is not null)
        {
            throw new RequestValidationException(new ValidationErrors().Add("totp", "is already on; turn it off first to enrol another authenticator."),
                StatusCodes.Status409Conflict, "Two-factor authentication is already on.");
        }
        var secret = RandomNumberGenerator.GetBytes(20);
        if (totp is null)
        {
            totp = new UserTotp { UserId = userId, ProtectedSecret = "" };
            db.UserTotps.Add(totp);
        }
        totp.ProtectedSecret = _protector.Protect(Convert.ToBase64String(secret));
        totp.CreatedAt = time.StoredNow();
        totp.LastUsedStep = 0;
        audit.RecordHere("mfa.enrol-start", "User", email, null, null);
        await db.SaveChangesAsync(cancellationToken);
        return TotpQrCode.Enrolment(email, secret);
    }

    // The enrolment waiting for its first code, shown again until it is confirmed (the page
    // works across reloads without keeping the secret anywhere but the database).
    public async Task<TotpEnrolmentResponse?> PendingAsync(Guid userId, CancellationToken cancellationToken)
    {
        var pending = await db.UserTotps.AsNoTracking().Where(t => t.UserId == userId && t.ConfirmedAt == null)
            .Select(t => new { t.ProtectedSecret, t.User!.Email }).SingleOrDefaultAsync(cancellationToken);
        if (pending is null)
        {
            return null;
        }
        try
        {
            return TotpQrCode.Enrolment(pending.Email, Convert.FromBase64String(_protector.Unprotect(pending.ProtectedSecret)));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    // Each change below is one transaction: a refused step leaves nothing half-written.
    public async Task<IReadOnlyList<string>> ConfirmAsync(Guid userId, string? code, CancellationToken cancellationToken)
    {
        await RefuseIfLockedAsync(userId, "confirm", cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var totp = await db.UserTotps.SingleOrDefaultAsync(t => t.UserId == userId, cancellationToken);
        if (totp is null || totp.ConfirmedAt is not null)
        {
            throw new RequestValidationException(new ValidationErrors().Add("code", "there is no enrolment waiting for a code: start one first."),
                StatusCodes.Status409Conflict, "No enrolment to confirm.");
        }
        if (!await AcceptTotpAsync(totp, code, cancellationToken))
        {
            throw await WrongCodeAsync(transaction, userId, "confirm", cancellationToken);
        }
        totp.ConfirmedAt = time.StoredNow();
        audit.RecordHere("mfa.enable", "User", await EmailAsync(userId, cancellationToken), null, null);
        var codes = await ReplaceRecoveryCodesAsync(userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return codes;
    }

    // The second step of sign-in, and the proof asked before changing the second factor: a
    // current TOTP code or an unused recovery code. Each works once.
    public async Task<bool> VerifyAsync(Guid userId, string? code, CancellationToken cancellationToken)
    {
        var totp = await db.UserTotps.SingleOrDefaultAsync(t => t.UserId == userId && t.ConfirmedAt != null, cancellationToken);
        if (totp is null)
        {
            return false;
        }
        var trimmed = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        return trimmed.Length == Totp.Digits
            ? await AcceptTotpAsync(totp, trimmed, cancellationToken)
            : await UseRecoveryCodeAsync(userId, trimmed, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(Guid userId, string? code, CancellationToken cancellationToken)
    {
        await RefuseIfLockedAsync(userId, "recovery-codes", cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await VerifyAsync(userId, code, cancellationToken))
        {
            throw await WrongCodeAsync(transaction, userId, "recovery-codes", cancellationToken);
        }
        audit.RecordHere("mfa.recovery-codes-renew", "User", await EmailAsync(userId, cancellationToken), null, null);
        var codes = await ReplaceRecoveryCodesAsync(userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return codes;
    }

    public async Task DisableAsync(Guid userId, string? code, CancellationToken cancellationToken)
    {
        if ((await StatusAsync(userId, cancellationToken)).Required)
        {
            throw new RequestValidationException(new ValidationErrors().Add("code", "your organisation requires two-factor authentication; an admin can reset it instead."),
                StatusCodes.Status409Conflict, "Two-factor authentication is required.");
        }
        await RefuseIfLockedAsync(userId, "disable", cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await VerifyAsync(userId, code, cancellationToken))
        {
            throw await WrongCodeAsync(transaction, userId, "disable", cancellationToken);
        }
        await DeleteAllAsync(userId, cancellationToken);
        audit.RecordHere("mfa.disable", "User", await EmailAsync(userId, cancellationToken), null, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // An admin's reset (the person lost both the device and the codes). Returns false when there
    // was nothing to reset.
    public async Task<bool> ResetAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await DeleteAllAsync(userId, cancellationToken);
        audit.RecordHere("mfa.reset", "User", await EmailAsync(userId, cancellationToken), null, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private Task<string> EmailAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync(cancellationToken);

    public static RequestValidationException Refused() =>
        new(new ValidationErrors().Add("code", WrongCode), StatusCodes.Status400BadRequest, "The code was refused.");

    private async Task<bool> DeleteAllAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return await db.UserTotps.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private async Task<bool> AcceptTotpAsync(UserTotp totp, string? code, CancellationToken cancellationToken)
    {
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(_protector.Unprotect(totp.ProtectedSecret));
        }
        catch (CryptographicException)
        {
            // The key ring lost the key that sealed it: no code can match; an admin resets it.
            return false;
        }
        var step = Totp.Match(secret, (code ?? "").Trim(), time.GetUtcNow(), totp.LastUsedStep);
        if (step is not { } accepted)
        {
            return false;
        }
        // Compare-and-set in the database, so two requests racing with one code cannot both pass.
        var claimed = await db.UserTotps.Where(t => t.UserId == totp.UserId && t.LastUsedStep < accepted)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedStep, accepted), cancellationToken);
        totp.LastUsedStep = accepted;
        db.Entry(totp).Property(t => t.LastUsedStep).IsModified = false;
        return claimed == 1;
    }
}
