using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// Secret feed URLs: `POST /api/v1/me/oncall-feed` makes (or replaces) the signed-in person's,
// `GET /oncall/feeds/{secret}` serves their shifts to any calendar app that holds it.
public static class FeedEndpoints
{
    public static async Task<Ok<OnCallFeedResponse>> Rotate(ClaimsPrincipal user, UnyoDb db, AuditLog audit, TimeProvider time, HttpRequest request, CancellationToken cancellationToken)
    {
        var (secret, at) = await IssueAsync(user, db, audit, time, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.Ok(new OnCallFeedResponse(Url(request, secret), at));
    }

    public static string Url(HttpRequest request, string secret) => $"{request.Scheme}://{request.Host}{request.PathBase}/oncall/feeds/{secret}";

    // Makes the person's feed secret, replacing the one before; returns it (only its hash is kept).
    public static async Task<(string Secret, DateTimeOffset At)> IssueAsync(ClaimsPrincipal user, UnyoDb db, AuditLog audit, TimeProvider time, string source, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.StoredNow();
        var existing = await db.OnCallFeedSecrets.SingleOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (existing is null)
        {
            db.OnCallFeedSecrets.Add(new OnCallFeedSecret { UserId = userId, SecretHash = Hash(secret), CreatedAt = now });
        }
        else
        {
            (existing.SecretHash, existing.CreatedAt) = (Hash(secret), now);
        }
        var email = user.FindFirstValue(ClaimTypes.Email) ?? userId.ToString();
        audit.Record("oncall-feed.rotate", "User", email, existing is null ? null : new { feed = "replaced" }, new { feed = "issued" }, source);
        await db.SaveChangesAsync(cancellationToken);
        return (secret, now);
    }

    // An unknown secret is 404, like an unknown ping URL: nothing says whether it ever existed.
    public static async Task<Results<ContentHttpResult, NotFound>> Feed(string secret, UnyoDb db, ScheduleCatalog catalog, CancellationToken cancellationToken)
    {
        var hash = Hash(secret);
        var owner = await db.OnCallFeedSecrets.AsNoTracking().Where(s => s.SecretHash == hash && !s.User!.Disabled)
            .Select(s => new { s.UserId, s.User!.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return TypedResults.NotFound();
        }
        var now = catalog.Now;
        var mine = await catalog.ShiftsOfAsync(owner.UserId, now, now + ScheduleCalendarFeed.Ahead, cancellationToken);
        return TypedResults.Text(ScheduleCalendarFeed.Write($"On call: {owner.DisplayName}", mine, now), "text/calendar; charset=utf-8");
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
