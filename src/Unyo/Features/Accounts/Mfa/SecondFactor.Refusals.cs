using Microsoft.EntityFrameworkCore.Storage;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Mfa;

// A wrong code when changing the second factor counts like a wrong code at sign-in: it is
// audited and counts toward the account's lockout (SignInThrottle), so a stolen session or API
// token cannot be used to guess codes without limit. Only the account's count: the caller is
// already signed in as that account, and the address count is there to stop scans across
// accounts, which this is not. A locked address is still refused.
public sealed partial class SecondFactor
{
    private string? Address => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    // Before any code is checked: a locked account or address learns nothing about codes.
    private async Task RefuseIfLockedAsync(Guid userId, string step, CancellationToken cancellationToken)
    {
        var email = await EmailAsync(userId, cancellationToken);
        if (await throttle.LockedUntilAsync(email, Address, cancellationToken) is not { } until)
        {
            return;
        }
        audit.RecordHere("mfa.refused-locked", "User", email, null, new { step });
        await db.SaveChangesAsync(cancellationToken);
        throw new RequestValidationException(
            new ValidationErrors().Add("code", $"too many wrong codes or passwords: try again after {until.UtcDateTime:HH:mm} UTC."),
            StatusCodes.Status429TooManyRequests, "Too many wrong codes.");
    }

    // The step's transaction is rolled back first: the audit record and the count are all that
    // a wrong code writes.
    private async Task<RequestValidationException> WrongCodeAsync(IDbContextTransaction transaction, Guid userId, string step, CancellationToken cancellationToken)
    {
        await transaction.RollbackAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var email = await EmailAsync(userId, cancellationToken);
        audit.RecordHere("mfa.code-refused", "User", email, null, new { step });
        if (await throttle.FailedAsync(email, null, cancellationToken))
        {
            audit.RecordHere("signin.lockout", "User", email, null, new { step });
        }
        await db.SaveChangesAsync(cancellationToken);
        return Refused();
    }
}
