using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sessions;

// A person's own browser sessions, and an admin's view of anyone's. Ending sessions only ever
// takes access away, so any signed-in caller may end their own (as with revoking tokens).
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessions(this RouteGroupBuilder api)
    {
        // Team tokens have no browser sessions: these are for people.
        var mine = api.MapGroup("/me/sessions").RequireAuthorization(Policies.Person);
        mine.MapGet("/", ListMine);
        mine.MapDelete("/{id:guid}", RevokeMine);
        mine.MapDelete("/", RevokeAllMine);
        api.MapGet("/users/{id:guid}/sessions", ListForUser).RequireAuthorization(Policies.Admin);
        api.MapDelete("/users/{id:guid}/sessions", RevokeAllForUser).RequireAuthorization(Policies.Admin);
        return api;
    }

    public static async Task<Ok<List<SessionResponse>>> ListMine(WebSessions sessions, SessionLimits limits, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        TypedResults.Ok(Responses(await sessions.ActiveAsync(principal.UserId(), cancellationToken), limits, principal.SessionId()));

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeMine(Guid id, WebSessions sessions, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await sessions.RevokeAsync(principal.UserId(), id, "api", cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("Session", id.ToString());

    // Signs out everywhere else: the session asking (if any) stays.
    public static async Task<Results<Ok<SessionsEndedResponse>, ProblemHttpResult>> RevokeAllMine(UnyoDb db, WebSessions sessions, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var id = principal.UserId();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null
            ? Problems.NotFound("User", id.ToString())
            : TypedResults.Ok(new SessionsEndedResponse(await sessions.RevokeAllAsync(user, principal.SessionId(), byAdmin: false, "api", cancellationToken)));
    }

    public static async Task<Results<Ok<List<SessionResponse>>, ProblemHttpResult>> ListForUser(Guid id, UnyoDb db, WebSessions sessions, SessionLimits limits, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await db.Users.AnyAsync(u => u.Id == id, cancellationToken)
            ? TypedResults.Ok(Responses(await sessions.ActiveAsync(id, cancellationToken), limits, principal.SessionId()))
            : Problems.NotFound("User", id.ToString());

    public static async Task<Ok<SessionsEndedResponse>> RevokeAllForUser(Guid id, WebSessions sessions, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SessionsEndedResponse((await sessions.RevokeAllForUserAsync(id, principal, "api", cancellationToken)).Ended));

    // The session asking comes first, then the others by latest activity.
    public static List<SessionResponse> Responses(IEnumerable<UserSession> sessions, SessionLimits limits, Guid? current) =>
        [.. sessions.OrderByDescending(s => s.Id == current).Select(s => new SessionResponse(
            s.Id, DeviceName.From(s.UserAgent), s.UserAgent, s.Method, s.CreatedAt, s.LastSeenAt, s.LastSeenFrom,
            Min(s.LastSeenAt + limits.IdleTimeout, s.ExpiresAt), s.ExpiresAt, s.Id == current))];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
