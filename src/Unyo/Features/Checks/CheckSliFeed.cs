using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Checks.Probes;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Ingest;

namespace Unyo.Features.Checks;

// Turns stored results into SLI events, through the same per-minute writer native ingest uses: a
// ratio SLI over a check counts every result, good when it was not down; a latency SLI counts
// the ones that were not down and took at most its threshold as good.
public sealed class CheckSliFeed(IServiceScopeFactory scopes, TimeProvider time, SliMinuteWriter writer, ILogger<CheckSliFeed> logger)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(10);

    private sealed record Target(Guid SliId, SliKind Kind, int? ThresholdMs);

    private Dictionary<string, Target[]> _byCheck = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    // Events that found the ingest queue full: kept and offered again with the next results.
    private readonly List<CounterDelta> _waiting = [];

    public void Invalidate() => _readAt = DateTimeOffset.MinValue;

    public async Task FeedAsync(IEnumerable<(string Check, CheckResultRecord Record)> results, CancellationToken cancellationToken)
    {
        var targets = await TargetsAsync(cancellationToken);
        var deltas = new List<CounterDelta>();
        foreach (var (check, record) in results)
        {
            if (record.Result is not { } result || !targets.TryGetValue(check, out var slis))
            {
                continue;
            }
            var minute = SliMinute.Of(record.At);
            foreach (var sli in slis)
            {
                var good = result.Outcome != ProbeOutcome.Down && (sli.Kind != SliKind.Latency || result.LatencyMs <= sli.ThresholdMs);
                deltas.Add(new CounterDelta(sli.SliId, minute, good ? 1 : 0, 1));
            }
        }
        lock (_waiting)
        {
            _waiting.AddRange(deltas);
            if (_waiting.Count == 0)
            {
                return;
            }
            if (writer.TryEnqueue([.. _waiting]))
            {
                _waiting.Clear();
            }
            else if (_waiting.Count > CheckResultQueue.Capacity)
            {
                // The ingest writer has been failing for long (its database is down, and so is
                // ours): the oldest events go rather than this node's memory.
                logger.LogError("SLI ingest is full; dropping {Count} check events", _waiting.Count - CheckResultQueue.Capacity);
                _waiting.RemoveRange(0, _waiting.Count - CheckResultQueue.Capacity);
            }
        }
    }

    private async Task<Dictionary<string, Target[]>> TargetsAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _readAt < KeepFor)
        {
            return _byCheck;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var rows = await db.Slis.AsNoTracking().Where(s => s.Source == SliSource.Check)
            .Select(s => new { s.Id, s.Kind, s.LatencyThresholdMs, s.SourceSettings }).ToListAsync(cancellationToken);
        _byCheck = rows
            .GroupBy(r => SliSourceSettings.FromStored(SliSource.Check, r.Kind, r.SourceSettings).Check!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => new Target(r.Id, r.Kind, r.LatencyThresholdMs)).ToArray(), StringComparer.Ordinal);
        _readAt = time.GetUtcNow();
        return _byCheck;
    }
}
