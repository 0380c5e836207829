using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Maintenance;
using Unyo.Features.Telemetry;
using Unyo.Hosting;

namespace Unyo.Features.Slos;

// Evaluates SLOs: the status of one as of any instant, and the worker's cycle over all of them,
// which keeps snapshots and burn alerts current.
public sealed partial class SloEvaluator(
    UnyoDb db, UnyoSettings settings, SliData data, SloRoster roster, SloCycleState cycle, MaintenanceCalendar maintenance, ExcludedMinutes excludedMinutes, ILogger<SloEvaluator> logger)
{
    public async Task<SloEvaluation> EvaluateAsync(Slo slo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var definition = slo.ToDefinition();
        var minutes = await MinutesAsync(slo, definition, at, null, null, cancellationToken);
        return SloCalculator.Evaluate(definition, minutes, at);
    }

    // One cycle over every SLO: running sums for occurrence SLOs (SloCycleState), minutes for
    // time-slice ones, then one save of every snapshot and alert change. An SLO that fails to
    // evaluate (a timezone this host lacks, say) is logged and the others still get their alerts.
    // SLOs that leave maintenance out subtract the minutes of their windows from the sums; those
    // minutes are read in the sums' snapshot, and only what is new or changed (ExcludedMinutes).
    public async Task<int> EvaluateAllAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var slos = await roster.CurrentAsync(db, cancellationToken);
        var end = SliMinute.LastBefore(at);
        var wanted = slos.Where(s => s.Definition.Budgeting != BudgetingMethod.Timeslices)
            .GroupBy(s => s.Slo.SliId)
            .Select(g => new SumsWanted(
                g.Key,
                g.Count() == 1 ? g.First().RollingLengths : g.SelectMany(s => s.RollingLengths).ToHashSet(),
                g.Where(s => s.Definition.Window.Rolling is null).Select(s => SliMinute.Of(s.Definition.Window.PeriodAt(at).Start)).ToHashSet()))
            .ToList();
        var timetable = slos.Any(s => s.Slo.ExcludeMaintenance) ? await maintenance.CurrentAsync(cancellationToken) : MaintenanceTimetable.Empty;
        var checks = await ChecksFeedingAsync(timetable, cancellationToken);
        var excludedRanges = ExcludedRanges(slos, timetable, checks, at, end);
        Dictionary<Guid, List<(long, EventCounts)>> excluded = [];
        var sums = await cycle.AdvanceAsync(db, end, wanted,
            excludedRanges.Count == 0 ? null : async token => excluded = await excludedMinutes.ReadAsync(db, excludedRanges, token),
            cancellationToken);
        var excluding = excludedRanges.Keys.ToDictionary(id => id, id => new ExcludingSums(sums[id], excluded.GetValueOrDefault(id) ?? []));
        var open = (await db.BurnAlerts.Where(a => a.ResolvedAt == null).ToListAsync(cancellationToken)).ToLookup(a => a.SloId);
        var changed = 0;
        var snapshots = new List<object?[]>(slos.Count);
        foreach (var (slo, definition) in slos)
        {
            try
            {
                var evaluation = definition.Budgeting == BudgetingMethod.Timeslices
                    ? SloCalculator.Evaluate(definition, await MinutesAsync(slo, definition, at, timetable, checks, cancellationToken), at)
                    : SloCalculator.EvaluateFromSums(definition, slo.ExcludeMaintenance && excluding.TryGetValue(slo.SliId, out var less) ? less : sums[slo.SliId], at);
                var changes = BurnAlertReconciler.Apply(db, slo.Id, definition, evaluation, [.. open[slo.Id]]);
                foreach (var change in changes)
                {
                    logger.LogInformation("SLO {Slo}: {Kind} {State}: {Condition}", slo.Name, change.Kind, change.Fired ? "fired" : "resolved", change.Condition);
                }
                changed += changes.Count;
                snapshots.Add(SnapshotRow(slo.Id, evaluation));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Evaluating SLO {Slo} failed", slo.Name);
            }
        }
        // Snapshots are written as whole rows, not tracked: 10,000 tracked updates cost more than
        // the rest of the cycle. An SLO deleted since the roster read it has no row to refer to.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var existing = (await db.Slos.Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        await settings.Provider.UpsertRowsAsync(db, SnapshotTable, SnapshotColumns, [.. snapshots.Where(r => existing.Contains((Guid)r[0]!))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return changed;
    }

    private const string SnapshotTable = "SloSnapshots";

    private static readonly string[] SnapshotColumns =
    [
        nameof(SloSnapshot.SloId), nameof(SloSnapshot.EvaluatedAt), nameof(SloSnapshot.Good), nameof(SloSnapshot.Total),
        nameof(SloSnapshot.Attainment), nameof(SloSnapshot.BudgetRemaining), nameof(SloSnapshot.BurnRate1h),
        nameof(SloSnapshot.ExhaustionAt), nameof(SloSnapshot.Exhausted),
    ];

    private static object?[] SnapshotRow(Guid sloId, SloEvaluation evaluation) =>
    [
        sloId, evaluation.At, evaluation.Counts.Good, evaluation.Counts.Total, evaluation.Attainment, evaluation.BudgetRemaining,
        evaluation.BurnRates.Single(b => b.Window == TimeSpan.FromHours(1)).BurnRate, evaluation.ExhaustionAt, evaluation.Exhausted,
    ];
}
