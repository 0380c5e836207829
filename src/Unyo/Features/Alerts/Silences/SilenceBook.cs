using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Alerts.Silences;

// The silences that are active or pending, in memory, for the pipeline to ask about every
// triggering alert. Find reads an immutable snapshot: no lock, no database, no allocation.
// SilenceBookWorker calls RefreshAsync every second; it reads the table's count, revision sum
// and newest creation time, and the silences again only when one of those moved (or one of the
// silences it holds has ended, so ended ones drop out), so every node
// sees a new, changed, expired or deleted silence within about a second. Writes on this node
// reload at once (ReloadAsync) or on the next tick (Invalidate, inside an apply's transaction).
public sealed class SilenceBook(IServiceScopeFactory scopes, TimeProvider time, ILogger<SilenceBook> logger)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile SilenceSnapshot _snapshot = SilenceSnapshot.Empty;
    private (int Count, long Revisions, DateTimeOffset? Newest)? _fingerprint;
    private volatile bool _stale = true;

    // Completes after the first load: the pipeline awaits it once before its first Find, so a
    // node that just started does not page for an alert that a silence covers.
    public Task Loaded => _loaded.Task;

    public SilenceSnapshot Current => _snapshot;

    // The name of an active silence that matches, else null.
    public string? Find(AlertFacts facts, DateTimeOffset at) => _snapshot.Find(facts, at);

    public void Invalidate() => _stale = true;

    public Task ReloadAsync(CancellationToken cancellationToken) => RefreshAsync(force: true, cancellationToken);

    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var reload = force || _stale || time.GetUtcNow() >= _snapshot.EarliestEnd;
            _stale = false;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
            var fingerprint = await db.Silences.GroupBy(_ => 1)
                .Select(g => new { Count = g.Count(), Revisions = g.Sum(s => (long)s.Revision), Newest = g.Max(s => (DateTimeOffset?)s.CreatedAt) })
                .SingleOrDefaultAsync(cancellationToken);
            var now = (fingerprint?.Count ?? 0, fingerprint?.Revisions ?? 0, fingerprint?.Newest);
            if (!reload && _fingerprint == now)
            {
                return;
            }
            var at = time.GetUtcNow();
            var rows = await db.Silences.AsNoTracking()
                .Where(s => (s.ExpiredAt ?? s.EndsAt) > at)
                .OrderBy(s => s.Name)
                .Select(s => new { Silence = s, Team = s.Team == null ? null : s.Team.Name })
                .ToListAsync(cancellationToken);
            var entries = new List<SilenceEntry>(rows.Count);
            foreach (var row in rows)
            {
                try
                {
                    var s = row.Silence;
                    entries.Add(new SilenceEntry(s.Name, row.Team, s.StartsAt, s.EffectiveEnd, [.. s.Matchers.Select(LabelMatchers.FromStored)]));
                }
                catch (InvalidOperationException exception)
                {
                    logger.LogError(exception, "Silence {Silence} cannot be read; it silences nothing until it is saved again", row.Silence.Name);
                }
            }
            _snapshot = new SilenceSnapshot(entries);
            _fingerprint = now;
            _loaded.TrySetResult();
        }
        finally
        {
            _loading.Release();
        }
    }
}
