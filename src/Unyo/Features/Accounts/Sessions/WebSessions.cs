using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sessions;

// Starts and ends a person's browser sessions. Every way of signing in (password, single sign-on)
// ends here once the person is proven, so sessions are recorded and limited in one place.
public sealed class WebSessions(UnyoDb db, TimeProvider time, SessionLimits limits, AuditLog audit)
{
    public const string Claim = Policies.SessionClaim;

    // method: how the person proved who they are, for example "password" or "oidc:corp".
    public async Task StartAsync(HttpContext context, User user, string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var now = time.StoredNow();
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Method = method,
            CreatedAt = now,
            LastSeenAt = now,
            LastSeenFrom = Address(context),
            UserAgent = Agent(context),
            ExpiresAt = now + limits.AbsoluteTimeout,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(context.RequestAborted);

        var identity = UserPrincipal.Identity(user, CookieAuthenticationDefaults.AuthenticationScheme, session.Id);
        // The cookie may outlive nothing: the row above decides, the ticket only stops at the same deadline.
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { ExpiresUtc = session.ExpiresAt, AllowRefresh = false });
    }

    public async Task EndAsync(HttpContext context)
    {
        if (context.User.SessionId() is { } id)
        {
            var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == id && s.EndedAt == null, context.RequestAborted);
            if (session is not null)
            {
                End(session, "signed-out");
                audit.RecordSignIn("signout", session.UserId, context.User.FindFirstValue(ClaimTypes.Email) ?? "", "ui");
                await db.SaveChangesAsync(context.RequestAborted);
            }
        }
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    // Why a session no longer counts, or null while it does. Idle time runs from the last
    // request; the absolute deadline was fixed at sign-in.
    public string? Ended(UserSession? session, DateTimeOffset now) => session switch
    {
        null => "unknown",
        { EndedAt: not null } => session.EndReason ?? "ended",
        _ when now >= session.ExpiresAt => "expired",
        _ when now - session.LastSeenAt >= limits.IdleTimeout => "idle-timeout",
        _ => null,
    };

    // Called on each request of a live session: records when and from where it was last seen,
    // at most once per TouchInterval.
    public Task TouchAsync(UserSession session, HttpContext context)
    {
        var now = time.StoredNow();
        var from = Address(context);
        if (now - session.LastSeenAt < SessionLimits.TouchInterval && from == session.LastSeenFrom)
        {
            return Task.CompletedTask;
        }
        return db.UserSessions.Where(s => s.Id == session.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now).SetProperty(s => s.LastSeenFrom, from), context.RequestAborted);
    }

    // Marks a session found dead at a request as ended, so lists stop showing it.
    public Task CloseAsync(Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        var now = time.StoredNow();
        return db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), cancellationToken);
    }

    // The user's sessions that still count, newest activity first.
    public async Task<List<UserSession>> ActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var idleSince = now - limits.IdleTimeout;
        var sessions = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
            .ToListAsync(cancellationToken);
        return [.. sessions.OrderByDescending(s => s.LastSeenAt).ThenBy(s => s.Id)];
    }

    // Ends one of the user's own sessions; false when it does not exist or already ended.
    public async Task<bool> RevokeAsync(Guid userId, Guid sessionId, string source, CancellationToken cancellationToken)
    {
        var session = await db.UserSessions.Include(s => s.User)
            .SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, cancellationToken);
        if (session is null)
        {
            return false;
        }
        End(session, "revoked");
        audit.Record("session.revoke", "User", session.User!.Email, Snapshot(session), null, source);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    // Ends all of a user's sessions except `keep` (the one asking, when a person signs out
    // everywhere else). An admin ending someone's sessions passes byAdmin.
    public async Task<int> RevokeAllAsync(User user, Guid? keep, bool byAdmin, string source, CancellationToken cancellationToken)
    {
        var ended = await EndAllAsync(user.Id, byAdmin ? "revoked-by-admin" : "revoked", keep, cancellationToken);
        audit.Record(byAdmin ? "user.sessions-revoke" : "session.revoke-all", "User", user.Email, null, new { ended }, source);
        await db.SaveChangesAsync(cancellationToken);
        return ended;
    }

    // An admin signs a person out everywhere (the API and the People page). Ending an owner's
    // sessions is an owner's call, as disabling one is; an admin doing it to themselves keeps the
    // session they are using.
    public async Task<(User User, int Ended)> RevokeAllForUserAsync(Guid userId, ClaimsPrincipal admin, string source, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new RequestValidationException(new ValidationErrors().Add("id", $"there is no user with id '{userId}'."), StatusCodes.Status404NotFound, "User not found.");
        if (user.Role == OrgRole.Owner && !admin.IsInRole("owner"))
        {
            throw new RequestValidationException(new ValidationErrors().Add("id", "only owners can end an owner's sessions."), StatusCodes.Status403Forbidden, "Forbidden.");
        }
        var keep = user.Id == admin.UserId() ? admin.SessionId() : null;
        return (user, await RevokeAllAsync(user, keep, byAdmin: true, source, cancellationToken));
    }

    // Live sessions per user, for the People page.
    public async Task<Dictionary<Guid, int>> CountActiveAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var idleSince = now - limits.IdleTimeout;
        return await db.UserSessions.Where(s => s.EndedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
            .GroupBy(s => s.UserId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    // Marks open sessions ended in the caller's unit of work (it saves): disabling an account
    // or changing its role ends them in the same transaction as the change.
    public async Task<int> EndAllAsync(Guid userId, string reason, Guid? keep, CancellationToken cancellationToken)
    {
        var open = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null && s.Id != keep).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            End(session, reason);
        }
        return open.Count;
    }

    private void End(UserSession session, string reason)
    {
        session.EndedAt = time.StoredNow();
        session.EndReason = reason;
    }

    private static object Snapshot(UserSession session) => new
    {
        id = session.Id,
        method = session.Method,
        device = DeviceName.From(session.UserAgent),
        lastSeenFrom = session.LastSeenFrom,
    };

    private static string? Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static string? Agent(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        return agent.Length == 0 ? null : agent.Length <= 256 ? agent : agent[..256];
    }
}

public static class SessionPrincipal
{
    public static Guid? SessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(WebSessions.Claim), out var id) ? id : null;
}
