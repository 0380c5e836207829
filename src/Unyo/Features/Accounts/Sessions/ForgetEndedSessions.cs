using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sessions;

// Sessions that ended or expired a month ago no longer help anyone: the audit log keeps the
// sign-ins and revocations themselves.
public sealed class ForgetEndedSessions(UnyoDb db, TimeProvider time) : IHousekeepingTask
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(30);

    public string Name => "ended sessions";

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - KeepFor;
        return db.UserSessions.Where(s => s.ExpiresAt < cutoff || s.EndedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
