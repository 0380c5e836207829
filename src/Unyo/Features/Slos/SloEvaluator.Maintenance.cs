using Unyo.Features.Maintenance;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos;

// The minutes SLOs with ExcludeMaintenance leave out (MaintenanceExclusion says which).
public sealed partial class SloEvaluator
{
    // The SLI's minutes an evaluation as of `at` reads, less maintenance when the SLO asks.
    // `checks`: the check feeding each SLI, as the cycle read it; null reads this SLI's.
    private async Task<List<SliMinute>> MinutesAsync(Slo slo, SloDefinition definition, DateTimeOffset at, MaintenanceTimetable? timetable, IReadOnlyDictionary<Guid, string>? checks, CancellationToken cancellationToken)
    {
        var lookback = definition.Lookback(at);
        var minutes = await data.MinutesAsync(slo.SliId, at, lookback, cancellationToken);
        if (!slo.ExcludeMaintenance)
        {
            return minutes;
        }
        timetable ??= await maintenance.CurrentAsync(cancellationToken);
        checks ??= timetable.NamesChecks ? await data.ChecksFeedingAsync([slo.SliId], cancellationToken) : [];
        var ranges = MaintenanceExclusion.Ranges(timetable, slo.ServiceId, checks.GetValueOrDefault(slo.SliId), SliMinute.Of(at - lookback), SliMinute.LastBefore(at));
        return ranges.Count == 0 ? minutes : MaintenanceExclusion.Without(minutes, ranges);
    }

    // The check feeding each SLI, read only when some window names single checks (otherwise no
    // SLI's exclusion depends on it).
    private async Task<IReadOnlyDictionary<Guid, string>> ChecksFeedingAsync(MaintenanceTimetable timetable, CancellationToken cancellationToken) =>
        timetable.NamesChecks ? await data.ChecksFeedingAsync(null, cancellationToken) : new Dictionary<Guid, string>();

    // Per SLI judged by an occurrence SLO that leaves maintenance out: the minute ranges to leave
    // out, over the longest lookback of those SLOs. An SLO and its SLI belong to one service.
    private static Dictionary<Guid, List<(long First, long Last)>> ExcludedRanges(
        IReadOnlyList<SloEntry> slos, MaintenanceTimetable timetable, IReadOnlyDictionary<Guid, string> checks, DateTimeOffset at, long end) =>
        slos.Where(s => s.Slo.ExcludeMaintenance && s.Definition.Budgeting != BudgetingMethod.Timeslices)
            .GroupBy(s => s.Slo.SliId)
            .Select(g => (SliId: g.Key, Ranges: MaintenanceExclusion.Ranges(
                timetable, g.First().Slo.ServiceId, checks.GetValueOrDefault(g.Key), SliMinute.Of(at - g.Max(s => s.Definition.Lookback(at))), end)))
            .Where(r => r.Ranges.Count > 0)
            .ToDictionary(r => r.SliId, r => r.Ranges);
}
