using System.Security.Claims;
using System.Text.Json;
using Unyo.Data;
using Unyo.Features.Accounts.Sessions;
using Unyo.Hosting;

namespace Unyo.Features.Audit;

// Adds audit records to the unit of work of the change they describe, so the record and the
// change commit together or not at all. Callers record before their SaveChanges.
public sealed class AuditLog(UnyoDb db, TimeProvider time, IHttpContextAccessor http)
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public AuditRecord Record(string action, string kind, string name, object? before, object? after, string source)
    {
        var record = Create(action, kind, name, before, after, source);
        db.Add(record);
        return record;
    }

    // For code that both the API and the pages call: the source is where the request came in.
    public AuditRecord RecordHere(string action, string kind, string name, object? before, object? after) =>
        Record(action, kind, name, before, after, http.HttpContext switch
        {
            null => "system",
            { Request.Path: var path } when path.StartsWithSegments("/api") => "api",
            _ => "ui",
        });

    // Sign-in attempts happen before there is a principal: the actor is the account tried.
    public void RecordSignIn(string action, Guid? userId, string email, string source)
    {
        var record = Create(action, "User", email, null, null, source);
        record.ActorId ??= userId;
        record.ActorEmail ??= userId is null ? null : email;
        db.Add(record);
    }

    private AuditRecord Create(string action, string kind, string name, object? before, object? after, string source)
    {
        var context = http.HttpContext;
        var user = context?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        return new AuditRecord
        {
            At = time.StoredNow(),
            ActorId = signedIn && user!.UserId() is var id && id != Guid.Empty ? id : null,
            ActorEmail = signedIn ? Actor(user!) : null,
            Credential = Credential(context, user, signedIn),
            Ip = context?.Connection.RemoteIpAddress?.ToString(),
            Action = action,
            ObjectKind = kind,
            ObjectName = name.Length <= 254 ? name : name[..254],
            Source = source,
            Before = before is null ? null : JsonSerializer.Serialize(before, before.GetType(), Json),
            After = after is null ? null : JsonSerializer.Serialize(after, after.GetType(), Json),
        };
    }

    // A person's email; a team token has no person behind it, so its actor is "team:<name>" (and
    // its credential names the token).
    internal static string? Actor(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.Email) ?? (user.TeamId() is null ? null : user.Identity?.Name);

    internal static string Credential(HttpContext? context, ClaimsPrincipal? user, bool signedIn) =>
        context is null ? "system"
        : !signedIn ? "anonymous"
        : user!.FindFirstValue(Policies.TokenClaim) is { } token ? $"token:{token}"
        : user!.SessionId() is { } session ? $"session:{session:N}"
        : "session";

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);
        return options;
    }
}
