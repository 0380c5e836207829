using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos;

// Evaluates SLOs: the status of one as of any instant, and the worker's cycle over all of them,
// which keeps snapshots and burn alerts current.
public sealed class SloEvaluator(UnyoDb db, SliData data, SloCycleState cycle, ILogger<SloEvaluator> logger)
{
    public async Task<SloEvaluation> EvaluateAsync(Slo slo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var definition = slo.ToDefinition();
        var minutes = await data.MinutesAsync(slo.SliId, at, definition.Lookback(at), cancellationToken);
        return SloCalculator.Evaluate(definition, minutes, at);
    }

    // One cycle over every SLO: running sums for occurrence SLOs (SloCycleState), minutes for
    // time-slice ones, then one save of every snapshot and alert change. An SLO that fails to
    // evaluate (a timezone this host lacks, say) is logged and the others still get their alerts.
    public async Task<int> EvaluateAllAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var slos = await db.Slos.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var definitions = new Dictionary<Guid, SloDefinition>();
        foreach (var slo in slos)
        {
            try
            {
                definitions[slo.Id] = slo.ToDefinition();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "SLO {Slo} cannot be evaluated", slo.Name);
            }
        }
        var end = SliMinute.LastBefore(at);
        var wanted = slos.Where(s => definitions.TryGetValue(s.Id, out var d) && d.Budgeting != BudgetingMethod.Timeslices)
            .GroupBy(s => s.SliId)
            .Select(g => new SumsWanted(
                g.Key,
                g.SelectMany(s => SloCalculator.RollingWindowMinutes(definitions[s.Id])).ToHashSet(),
                g.Where(s => definitions[s.Id].Window.Rolling is null).Select(s => SliMinute.Of(definitions[s.Id].Window.PeriodAt(at).Start)).ToHashSet()))
            .ToList();
        var sums = await cycle.AdvanceAsync(db, end, wanted, cancellationToken);
        var snapshots = await db.SloSnapshots.ToDictionaryAsync(s => s.SloId, cancellationToken);
        var open = (await db.BurnAlerts.Where(a => a.ResolvedAt == null).ToListAsync(cancellationToken)).ToLookup(a => a.SloId);
        var changed = 0;
        foreach (var slo in slos.Where(s => definitions.ContainsKey(s.Id)))
        {
            try
            {
                var definition = definitions[slo.Id];
                var evaluation = definition.Budgeting == BudgetingMethod.Timeslices
                    ? SloCalculator.Evaluate(definition, await data.MinutesAsync(slo.SliId, at, definition.Lookback(at), cancellationToken), at)
                    : SloCalculator.EvaluateFromSums(definition, sums[slo.SliId], at);
                var changes = BurnAlertReconciler.Apply(db, slo, evaluation, [.. open[slo.Id]]);
                foreach (var change in changes)
                {
                    logger.LogInformation("SLO {Slo}: {Kind} {State}: {Condition}", slo.Name, change.Kind, change.Fired ? "fired" : "resolved", change.Condition);
                }
                changed += changes.Count;
                Snapshot(slo, evaluation, snapshots);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Evaluating SLO {Slo} failed", slo.Name);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return changed;
    }

    private void Snapshot(Slo slo, SloEvaluation evaluation, Dictionary<Guid, SloSnapshot> snapshots)
    {
        if (!snapshots.TryGetValue(slo.Id, out var snapshot))
        {
            snapshot = new SloSnapshot { SloId = slo.Id };
            db.SloSnapshots.Add(snapshot);
        }
        snapshot.EvaluatedAt = evaluation.At;
        snapshot.Good = evaluation.Counts.Good;
        snapshot.Total = evaluation.Counts.Total;
        snapshot.Attainment = evaluation.Attainment;
        snapshot.BudgetRemaining = evaluation.BudgetRemaining;
        snapshot.BurnRate1h = evaluation.BurnRates.Single(b => b.Window == TimeSpan.FromHours(1)).BurnRate;
        snapshot.ExhaustionAt = evaluation.ExhaustionAt;
        snapshot.Exhausted = evaluation.Exhausted;
    }
}
