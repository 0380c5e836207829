using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry.Ingest;
using Unyo.Hosting;

namespace Unyo.Features.Slos;

// What one SLI's SLOs need summed as of a cycle: rolling window lengths and calendar period
// starts, in minutes.
public sealed record SumsWanted(Guid SliId, IReadOnlySet<long> RollingLengths, IReadOnlySet<long> CalendarStarts);

// The evaluation worker's memory between cycles: running window sums per SLI, so a cycle reads
// what changed since the last one (new minutes, late data, the minutes leaving each window)
// instead of every window again. Reading 30 days of minutes for 10,000 SLOs every minute is
// what this replaces. Everything a cycle reads comes from one snapshot of the database; rows
// carry the database's clock (SliMinute.Stamp), so several nodes writing need no shared clock.
//
// The state rebuilds itself from grouped sums whenever it cannot be sure: on the first cycle,
// after time went backwards or jumped further than the late horizon, when an SLO asks for a
// window that is not kept, and for an SLI whose old minutes changed.
public sealed class SloCycleState(SliIngestOptions ingest, UnyoSettings settings, ILogger<SloCycleState> logger)
{
    // Rows stamped this long before the newest stamp are read again: a transaction that began
    // earlier may commit after the snapshot that saw the newest stamp.
    public const long StampMarginSeconds = 120;

    private static readonly TimeSpan RebuildTimeout = TimeSpan.FromMinutes(15);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly long _ringMinutes = (long)(ingest.LateHorizon + SliIngestOptions.FutureSkew).TotalMinutes + 15;
    private Dictionary<Guid, RunningSums> _sums = [];
    private long _end = long.MinValue;
    private long _cursor;

    public int Rebuilt { get; private set; }

    // `alsoRead` runs inside the same snapshot, after the sums: what the caller reads there agrees
    // with them row for row (the minutes SLOs leave out for maintenance).
    public async Task<IReadOnlyDictionary<Guid, RunningSums>> AdvanceAsync(
        UnyoDb db, long end, IReadOnlyCollection<SumsWanted> wanted, Func<CancellationToken, Task>? alsoRead, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = await settings.Provider.BeginSnapshotAsync(db, cancellationToken);
            var newestStamp = await db.SliMinutes.MaxAsync(m => (long?)m.Stamp, cancellationToken) ?? 0;
            var ringStart = end - _ringMinutes + 1;
            var rebuild = new HashSet<Guid>();
            var incremental = _end != long.MinValue && end >= _end && end - _end < _ringMinutes;
            var kept = new Dictionary<Guid, RunningSums>();
            foreach (var want in wanted)
            {
                // A calendar period that began inside the ring is summed from it; an older one
                // this state never kept needs the database.
                if (incremental && _sums.TryGetValue(want.SliId, out var sums) && sums.Tracks(want.RollingLengths)
                    && want.CalendarStarts.All(s => sums.CalendarStarts.Contains(s) || s > ringStart))
                {
                    kept[want.SliId] = sums;
                }
                else
                {
                    rebuild.Add(want.SliId);
                }
            }
            var cursor = Math.Max(0, newestStamp - StampMarginSeconds);
            if (kept.Count > 0)
            {
                await ApplyChangesAsync(db, kept, rebuild, cancellationToken);
                await AdvanceKeptAsync(db, kept, end, ringStart, cancellationToken);
                foreach (var want in wanted.Where(w => kept.ContainsKey(w.SliId)))
                {
                    var sums = kept[want.SliId];
                    // A calendar period that began since the last cycle starts from the minutes
                    // the ring holds; periods no SLO asks for any more are dropped.
                    foreach (var start in want.CalendarStarts.Where(s => !sums.CalendarStarts.Contains(s)))
                    {
                        sums.SetCalendar(start, sums.RecentFrom(start));
                    }
                    foreach (var stale in sums.CalendarStarts.Except(want.CalendarStarts).ToList())
                    {
                        sums.ForgetCalendar(stale);
                    }
                }
            }
            foreach (var id in rebuild)
            {
                kept.Remove(id);
            }
            if (rebuild.Count > 0)
            {
                // Summing whole windows reads every minute of them: for thousands of SLIs over 30
                // days, minutes of work, which the default 30 s command timeout would cut off
                // on every cycle, so no SLO would ever be evaluated.
                db.Database.SetCommandTimeout(RebuildTimeout);
                foreach (var (id, sums) in await LoadAsync(db, [.. wanted.Where(w => rebuild.Contains(w.SliId))], rebuild.Count * 2 > wanted.Count, end, ringStart, cursor, cancellationToken))
                {
                    kept[id] = sums;
                }
                Rebuilt += rebuild.Count;
                logger.LogDebug("Rebuilt the running sums of {Count} SLIs as of minute {End}", rebuild.Count, end);
            }
            foreach (var sums in kept.Values)
            {
                sums.Forget(ringStart, cursor);
            }
            if (alsoRead is not null)
            {
                await alsoRead(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            _sums = kept;
            _end = end;
            _cursor = cursor;
            return kept;
        }
        catch
        {
            // Half-advanced sums are worse than none: the next cycle starts over.
            _sums = [];
            _end = long.MinValue;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Late data for minutes the sums already include. A change older than the ring cannot be
    // matched against what was included, so that SLI is rebuilt.
    private async Task ApplyChangesAsync(UnyoDb db, Dictionary<Guid, RunningSums> kept, HashSet<Guid> rebuild, CancellationToken cancellationToken)
    {
        var previousEnd = _end;
        var ringStart = previousEnd - _ringMinutes + 1;
        var changed = await db.SliMinutes.AsNoTracking()
            .Where(m => m.Stamp >= _cursor && m.Minute <= previousEnd)
            .Select(m => new { m.SliId, m.Minute, m.Good, m.Total, m.Stamp })
            .ToListAsync(cancellationToken);
        foreach (var row in changed)
        {
            if (!kept.TryGetValue(row.SliId, out var sums))
            {
                continue;
            }
            if (row.Minute < ringStart && !sums.Older.ContainsKey(row.Minute))
            {
                rebuild.Add(row.SliId);
                continue;
            }
            sums.Correct(row.Minute, new EventCounts(row.Good, row.Total), row.Stamp, ringStart);
        }
    }

    private async Task AdvanceKeptAsync(UnyoDb db, Dictionary<Guid, RunningSums> kept, long end, long ringStart, CancellationToken cancellationToken)
    {
        var previousEnd = _end;
        var entering = (await db.SliMinutes.AsNoTracking()
                .Where(m => m.Minute > previousEnd && m.Minute <= end)
                .Select(m => new { m.SliId, m.Minute, m.Good, m.Total, m.Stamp })
                .ToListAsync(cancellationToken))
            .GroupBy(m => m.SliId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<long, (EventCounts, long)>)g.ToDictionary(m => m.Minute, m => (new EventCounts(m.Good, m.Total), m.Stamp)));
        // Minutes leaving windows longer than the ring, per length, for every SLI in one query.
        var oldRingStart = previousEnd - _ringMinutes + 1;
        var leaving = new Dictionary<long, Dictionary<Guid, EventCounts>>();
        foreach (var length in kept.Values.SelectMany(s => s.RollingLengths).Distinct())
        {
            var first = previousEnd - length + 1;
            var last = Math.Min(Math.Min(previousEnd, end - length), oldRingStart - 1);
            if (first <= last)
            {
                leaving[length] = await SumsAsync(db, first, last, cancellationToken);
            }
        }
        IReadOnlyDictionary<long, (EventCounts, long)> none = new Dictionary<long, (EventCounts, long)>();
        foreach (var (id, sums) in kept)
        {
            sums.Advance(end, entering.GetValueOrDefault(id) ?? none,
                (length, _, _) => leaving.TryGetValue(length, out var byLength) ? byLength.GetValueOrDefault(id) : default,
                oldRingStart);
        }
    }

    // Sums from scratch: one grouped query per window length and period start, and the ring.
    // When most SLIs are rebuilt (the first cycle), the queries read every SLI's minutes by time
    // and the SLIs not asked for are dropped here: a minute's rows lie together on disk, as
    // ingest wrote them, while one SLI's lie a minute's worth of rows apart, so reading SLI by
    // SLI costs a random read per row (minutes instead of seconds on SQLite).
    private async Task<Dictionary<Guid, RunningSums>> LoadAsync(UnyoDb db, List<SumsWanted> wanted, bool most, long end, long ringStart, long cursor, CancellationToken cancellationToken)
    {
        var ids = most ? null : wanted.Select(w => w.SliId).ToList();
        var result = wanted.ToDictionary(w => w.SliId, _ => new RunningSums(end));
        foreach (var length in wanted.SelectMany(w => w.RollingLengths).Distinct())
        {
            var sums = await SumsAsync(db, end - length + 1, end, cancellationToken, ids);
            foreach (var want in wanted.Where(w => w.RollingLengths.Contains(length)))
            {
                result[want.SliId].SetRolling(length, sums.GetValueOrDefault(want.SliId));
            }
        }
        foreach (var start in wanted.SelectMany(w => w.CalendarStarts).Distinct())
        {
            var sums = await SumsAsync(db, start, end, cancellationToken, ids);
            foreach (var want in wanted.Where(w => w.CalendarStarts.Contains(start)))
            {
                result[want.SliId].SetCalendar(start, sums.GetValueOrDefault(want.SliId));
            }
        }
        // The ring, and older rows that the next cycles will read again as changes.
        var query = db.SliMinutes.AsNoTracking().Where(m => m.Minute <= end && (m.Minute >= ringStart || m.Stamp >= cursor));
        if (ids is not null)
        {
            query = query.Where(m => ids.Contains(m.SliId));
        }
        var recent = await query.Select(m => new { m.SliId, m.Minute, m.Good, m.Total, m.Stamp }).ToListAsync(cancellationToken);
        foreach (var row in recent)
        {
            if (!result.TryGetValue(row.SliId, out var sums))
            {
                continue;
            }
            var counts = new EventCounts(row.Good, row.Total);
            if (row.Minute >= ringStart)
            {
                sums.Recent[row.Minute] = counts;
                sums.RecentStamps[row.Minute] = row.Stamp;
            }
            else
            {
                sums.Older[row.Minute] = (counts, row.Stamp);
            }
        }
        return result;
    }

    // Rows, not GROUP BY: the database would sort them by SLI to group them, which costs more
    // than summing a minute or two of rows per SLI here.
    private static async Task<Dictionary<Guid, EventCounts>> SumsAsync(UnyoDb db, long first, long last, CancellationToken cancellationToken, List<Guid>? only = null)
    {
        var minutes = db.SliMinutes.AsNoTracking().Where(m => m.Minute >= first && m.Minute <= last);
        if (only is not null)
        {
            minutes = minutes.Where(m => only.Contains(m.SliId));
        }
        if (last - first > 60)
        {
            return await minutes
                .GroupBy(m => m.SliId)
                .Select(g => new { SliId = g.Key, Good = g.Sum(m => m.Good), Total = g.Sum(m => m.Total) })
                .ToDictionaryAsync(g => g.SliId, g => new EventCounts(g.Good, g.Total), cancellationToken);
        }
        var sums = new Dictionary<Guid, EventCounts>();
        await foreach (var row in minutes.Select(m => new { m.SliId, m.Good, m.Total }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var before = sums.GetValueOrDefault(row.SliId);
            sums[row.SliId] = new EventCounts(before.Good + row.Good, before.Total + row.Total);
        }
        return sums;
    }
}
