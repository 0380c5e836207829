using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Audit;

// Refused credentials are audited, but a client retrying a dead token in a loop must not fill
// the audit log: per action, credential, address and reason, the first refusal in a minute is
// written at once, and the rest of that minute are counted and written as one record with
// their count once the minute is over (RefusedRequestsFlush). Tallies are per node, in memory
// and bounded: past MaxTallies keys, refusals are counted under one overflow key.
public sealed class RefusedRequests(IServiceScopeFactory scopes, TimeProvider time) : IAccessRefusals
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    public const int MaxTallies = 10_000;
    private const string Overflow = "overflow";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    private sealed class Tally(AuditRecord first, string reason, DateTimeOffset start)
    {
        public AuditRecord First { get; } = first;
        public string Reason { get; } = reason;
        public DateTimeOffset Start { get; } = start;
        public int Repeats { get; set; }
        public string LastRequest { get; set; } = "";
    }

    public async Task RefusedAsync(HttpContext context, AccessRefusal refusal)
    {
        var now = time.GetUtcNow();
        var request = $"{context.Request.Method} {context.Request.Path}";
        var ip = context.Connection.RemoteIpAddress?.ToString();
        var key = string.Join('\n', refusal.Action, refusal.Kind, refusal.Name, ip, refusal.Reason);
        AuditRecord first;
        AuditRecord? previous = null;
        lock (_lock)
        {
            if (!_tallies.ContainsKey(key) && _tallies.Count >= MaxTallies)
            {
                (key, refusal, ip) = (Overflow, refusal with { Kind = "Request", Name = "(many credentials)", Reason = "many", Credential = "anonymous" }, null);
            }
            if (_tallies.TryGetValue(key, out var tally))
            {
                if (now - tally.Start < Window)
                {
                    tally.Repeats++;
                    tally.LastRequest = request;
                    return;
                }
                previous = Summary(tally);
            }
            first = Record(context, refusal, ip, request);
            _tallies[key] = new Tally(first, refusal.Reason, now) { LastRequest = request };
        }
        await WriteAsync([.. new[] { previous, first }.OfType<AuditRecord>()], context.RequestAborted);
    }

    // Writes the counts of every minute that is over; the worker calls it, and tests with a
    // later "now" to close the minute.
    public async Task<int> FlushAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<AuditRecord> due = [];
        lock (_lock)
        {
            foreach (var (key, tally) in _tallies.Where(t => now - t.Value.Start >= Window).ToList())
            {
                _tallies.Remove(key);
                if (tally.Repeats > 0)
                {
                    due.Add(Summary(tally));
                }
            }
        }
        await WriteAsync(due, cancellationToken);
        return due.Count;
    }

    private AuditRecord Summary(Tally tally)
    {
        var first = tally.First;
        return new AuditRecord
        {
            At = time.StoredNow(), ActorId = first.ActorId, ActorEmail = first.ActorEmail, Credential = first.Credential, Ip = first.Ip,
            Action = first.Action, ObjectKind = first.ObjectKind, ObjectName = first.ObjectName, Source = first.Source,
            After = After(tally.Reason, tally.LastRequest, tally.Repeats, tally.Start),
        };
    }

    private AuditRecord Record(HttpContext context, AccessRefusal refusal, string? ip, string request)
    {
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        return new AuditRecord
        {
            At = time.StoredNow(),
            ActorId = signedIn && user.UserId() is var id && id != Guid.Empty ? id : null,
            ActorEmail = signedIn ? AuditLog.Actor(user) : null,
            Credential = refusal.Credential ?? AuditLog.Credential(context, user, signedIn),
            Ip = ip,
            Action = refusal.Action,
            ObjectKind = refusal.Kind,
            ObjectName = refusal.Name.Length <= 254 ? refusal.Name : refusal.Name[..254],
            Source = context.Request.Path.StartsWithSegments("/api") ? "api" : "ui",
            After = After(refusal.Reason, request, 1, null),
        };
    }

    private static string After(string reason, string request, int count, DateTimeOffset? since) =>
        System.Text.Json.JsonSerializer.Serialize(new { reason, request = request.Length <= 300 ? request : request[..300], count, since });

    private async Task WriteAsync(List<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        db.AuditRecords.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
    }
}
