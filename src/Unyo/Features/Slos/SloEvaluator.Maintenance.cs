using Microsoft.EntityFrameworkCore;
using Unyo.Features.Maintenance;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos;

// The minutes SLOs with ExcludeMaintenance leave out (MaintenanceExclusion says which).
public sealed partial class SloEvaluator
{
    // The SLI's minutes an evaluation as of `at` reads, less maintenance when the SLO asks.
    private async Task<List<SliMinute>> MinutesAsync(Slo slo, SloDefinition definition, DateTimeOffset at, MaintenanceTimetable? timetable, CancellationToken cancellationToken)
    {
        var lookback = definition.Lookback(at);
        var minutes = await data.MinutesAsync(slo.SliId, at, lookback, cancellationToken);
        if (!slo.ExcludeMaintenance)
        {
            return minutes;
        }
        timetable ??= await maintenance.CurrentAsync(cancellationToken);
        var ranges = MaintenanceExclusion.Ranges(timetable, slo.ServiceId, SliMinute.Of(at - lookback), SliMinute.LastBefore(at));
        return ranges.Count == 0 ? minutes : MaintenanceExclusion.Without(minutes, ranges);
    }

    // Per SLI judged by an occurrence SLO that leaves maintenance out: the minute ranges to leave
    // out, over the longest lookback of those SLOs. An SLO and its SLI belong to one service.
    private static Dictionary<Guid, List<(long First, long Last)>> ExcludedRanges(IReadOnlyList<SloEntry> slos, MaintenanceTimetable timetable, DateTimeOffset at, long end) =>
        slos.Where(s => s.Slo.ExcludeMaintenance && s.Definition.Budgeting != BudgetingMethod.Timeslices)
            .GroupBy(s => s.Slo.SliId)
            .Select(g => (SliId: g.Key, Ranges: MaintenanceExclusion.Ranges(timetable, g.First().Slo.ServiceId, SliMinute.Of(at - g.Max(s => s.Definition.Lookback(at))), end)))
            .Where(r => r.Ranges.Count > 0)
            .ToDictionary(r => r.SliId, r => r.Ranges);

    // One query for every such SLI: their rows at any excluded minute (of any of them), then each
    // SLI keeps the rows inside its own ranges. The minutes go as one array parameter, so the
    // query has the same shape every cycle.
    private async Task<Dictionary<Guid, List<(long, EventCounts)>>> ExcludedRowsAsync(Dictionary<Guid, List<(long First, long Last)>> ranges, CancellationToken cancellationToken)
    {
        var ids = ranges.Keys.ToList();
        var minutes = ranges.Values.SelectMany(r => r).SelectMany(r => Enumerable.Range(0, (int)(r.Last - r.First + 1)).Select(i => r.First + i)).Distinct().ToList();
        var rows = await db.SliMinutes.AsNoTracking()
            .Where(m => ids.Contains(m.SliId) && minutes.Contains(m.Minute))
            .Select(m => new { m.SliId, m.Minute, m.Good, m.Total })
            .ToListAsync(cancellationToken);
        return rows.Where(r => MaintenanceExclusion.Contains(ranges[r.SliId], r.Minute))
            .GroupBy(r => r.SliId)
            .ToDictionary(g => g.Key, g => g.Select(r => (r.Minute, new EventCounts(r.Good, r.Total))).ToList());
    }
}
