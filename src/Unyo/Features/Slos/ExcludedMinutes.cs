using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Slos;

// The SLI rows of the minutes that SLOs with ExcludeMaintenance leave out, kept between cycles
// like the running sums: a cycle reads only minutes it has not read yet (a window that began or
// grew, a new window, the first cycle) and rows that changed since the last cycle (late data, by
// the database's stamp), instead of every excluded minute of every window again. Reading them
// all each minute cost 8.5 s per cycle for 1,000 SLOs with a nightly hour each (docs/benchmarks.md).
public sealed class ExcludedMinutes
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Per SLI: the minutes read (inside its ranges), and the rows found among them.
    private Dictionary<Guid, (HashSet<long> Read, Dictionary<long, EventCounts> Rows)> _state = [];
    private Dictionary<Guid, List<(long First, long Last)>> _ranges = [];
    private long _cursor;

    // Runs inside the cycle's snapshot (SloCycleState.AdvanceAsync). Returns, per SLI, its rows
    // inside its ranges.
    public async Task<Dictionary<Guid, List<(long, EventCounts)>>> ReadAsync(UnyoDb db, Dictionary<Guid, List<(long First, long Last)>> ranges, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var newestStamp = await db.SliMinutes.MaxAsync(m => (long?)m.Stamp, cancellationToken) ?? 0;
            var state = ranges.ToDictionary(r => r.Key, r => _ranges.TryGetValue(r.Key, out var known) && known.SequenceEqual(r.Value)
                ? _state[r.Key]
                : Keep(_state.GetValueOrDefault(r.Key), r.Value));
            var missing = new HashSet<long>();
            var missingIds = new List<Guid>();
            foreach (var (id, list) in ranges)
            {
                var read = state[id].Read;
                var any = false;
                foreach (var (first, last) in list)
                {
                    for (var minute = first; minute <= last; minute++)
                    {
                        if (!read.Contains(minute))
                        {
                            missing.Add(minute);
                            any = true;
                        }
                    }
                }
                if (any)
                {
                    missingIds.Add(id);
                }
            }
            var cursor = _cursor;
            // Rows of minutes not read yet, and rows of read minutes that changed since.
            var fresh = missing.Count == 0 ? [] : await Rows(db.SliMinutes.Where(m => missingIds.Contains(m.SliId) && missing.Contains(m.Minute)), cancellationToken);
            // By stamp alone, and the SLIs picked here: asked for by SLI as well, SQLite reads every
            // row of those SLIs by the primary key instead of the few recent ones by the stamp.
            var changed = cursor == 0 ? [] : (await Rows(db.SliMinutes.Where(m => m.Stamp >= cursor), cancellationToken)).Where(r => ranges.ContainsKey(r.SliId)).ToList();
            foreach (var id in missingIds)
            {
                state[id].Read.UnionWith(missing.Where(m => MaintenanceExclusion.Contains(ranges[id], m)));
            }
            foreach (var row in fresh.Concat(changed))
            {
                if (MaintenanceExclusion.Contains(ranges[row.SliId], row.Minute))
                {
                    state[row.SliId].Read.Add(row.Minute);
                    state[row.SliId].Rows[row.Minute] = new EventCounts(row.Good, row.Total);
                }
            }
            (_state, _ranges) = (state, ranges);
            _cursor = Math.Max(1, newestStamp - SloCycleState.StampMarginSeconds);
            return state.ToDictionary(s => s.Key, s => s.Value.Rows.Select(r => (r.Key, r.Value)).ToList());
        }
        catch
        {
            // A half-updated cache is worse than none: the next cycle reads everything again.
            (_state, _ranges, _cursor) = ([], [], 0);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    // What was read for an SLI that is still inside its ranges (a window deleted or moved leaves
    // the rest behind).
    private static (HashSet<long> Read, Dictionary<long, EventCounts> Rows) Keep((HashSet<long> Read, Dictionary<long, EventCounts> Rows) known, List<(long First, long Last)> ranges) =>
        known.Read is null
            ? ([], [])
            : ([.. known.Read.Where(m => MaintenanceExclusion.Contains(ranges, m))], known.Rows.Where(r => MaintenanceExclusion.Contains(ranges, r.Key)).ToDictionary());

    private static async Task<List<(Guid SliId, long Minute, long Good, long Total)>> Rows(IQueryable<Telemetry.SliMinute> query, CancellationToken cancellationToken) =>
        [.. (await query.AsNoTracking().Select(m => new { m.SliId, m.Minute, m.Good, m.Total }).ToListAsync(cancellationToken)).Select(r => (r.SliId, r.Minute, r.Good, r.Total))];
}
