using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// Counts whose window has passed and whose lock has ended no longer matter.
public sealed class ForgetSignInAttempts(UnyoDb db, TimeProvider time) : IHousekeepingTask
{
    public string Name => "sign-in attempts";

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var windowStart = now - SignInThrottle.Window;
        return db.SignInAttempts.Where(a => a.WindowStart < windowStart && (a.LockedUntil == null || a.LockedUntil < now)).ExecuteDeleteAsync(cancellationToken);
    }
}
