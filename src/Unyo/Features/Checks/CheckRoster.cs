using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Checks;

// Every check's definition, kept in memory for the scheduler, the result writer and pings.
// Re-read when this node changed a check (Invalidate) or, for changes made on other nodes, when
// the table's count or sum of revisions differs from what was read (looked at every few seconds).
public sealed class CheckRoster(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private Snapshot _snapshot = Snapshot.Empty;
    private DateTimeOffset _lookedAt = DateTimeOffset.MinValue;
    private volatile bool _stale = true;
    private int _generation;

    // The next read reloads; so does one that began before this call and is still loading.
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _stale = true;
    }

    public async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (!_stale && time.GetUtcNow() - _lookedAt < LookEvery)
        {
            return _snapshot;
        }
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (!_stale && time.GetUtcNow() - _lookedAt < LookEvery)
            {
                return _snapshot;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
            // _stale stays set while loading: readers wait for this load instead of taking the old
            // snapshot, and an Invalidate during the load leaves it set for the next read.
            var invalidated = _stale;
            var generation = Volatile.Read(ref _generation);
            // Every write adds to a revision, every delete lowers the count: together they tell
            // whether anything changed, without reading every row.
            var fingerprint = await db.Checks.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Revisions = g.Sum(c => (long)c.Revision) }).SingleOrDefaultAsync(cancellationToken);
            var (count, revisions) = (fingerprint?.Count ?? 0, fingerprint?.Revisions ?? 0);
            if (!invalidated && count == _snapshot.Count && revisions == _snapshot.Revisions)
            {
                Loaded(generation);
                return _snapshot;
            }
            var rows = await db.Checks.AsNoTracking().Select(c => new { Check = c, Service = c.Service!.Name }).ToListAsync(cancellationToken);
            var byId = new Dictionary<Guid, CheckPlan>(rows.Count);
            foreach (var row in rows)
            {
                // A definition read back goes through its validator again; one that no longer
                // passes (a rule tightened by an upgrade) must not stop every other check.
                try
                {
                    var c = row.Check;
                    byId[c.Id] = new CheckPlan(c.Id, c.ServiceId, c.PingTokenHash, c.Revision, c.CreatedAt, CheckDefinition.From(c, row.Service));
                }
                catch (Exception exception) when (exception is InvalidOperationException or System.Text.Json.JsonException)
                {
                    scope.ServiceProvider.GetRequiredService<ILogger<CheckRoster>>().LogError(exception, "Check {Check} cannot be read; it is not run until it is saved again", row.Check.Name);
                }
            }
            _snapshot = new Snapshot(byId, count, revisions);
            Loaded(generation);
            return _snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    private void Loaded(int generation)
    {
        _lookedAt = time.GetUtcNow();
        _stale = generation != Volatile.Read(ref _generation);
    }

    public sealed class Snapshot(IReadOnlyDictionary<Guid, CheckPlan> byId, int count, long revisions)
    {
        public static readonly Snapshot Empty = new(new Dictionary<Guid, CheckPlan>(), -1, -1);

        private readonly Dictionary<string, CheckPlan> _byPingHash = byId.Values.Where(p => p.PingTokenHash is not null).ToDictionary(p => p.PingTokenHash!, StringComparer.Ordinal);

        public IReadOnlyDictionary<Guid, CheckPlan> ById => byId;
        // One list per snapshot: the dispatcher looks through the plans again only when it changes.
        public IReadOnlyList<CheckPlan> Plans { get; } = [.. byId.Values];
        public int Count => count;
        public long Revisions => revisions;

        public CheckPlan? ByPingHash(string hash) => _byPingHash.GetValueOrDefault(hash);
    }
}
