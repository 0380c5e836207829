using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos;

// Evaluates SLOs: the status of one as of any instant, and the worker's cycle over all of them,
// which keeps snapshots and burn alerts current.
public sealed class SloEvaluator(UnyoDb db, SliData data, ILogger<SloEvaluator> logger)
{
    public async Task<SloEvaluation> EvaluateAsync(Slo slo, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var definition = slo.ToDefinition();
        var minutes = await data.MinutesAsync(slo.SliId, at, definition.Lookback(at), cancellationToken);
        return SloCalculator.Evaluate(definition, minutes, at);
    }

    // One cycle. Each SLO is saved on its own, so one that fails (a bad timezone on this host,
    // say) is logged and the others still get their alerts.
    public async Task<int> EvaluateAllAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var ids = await db.Slos.AsNoTracking().OrderBy(s => s.Name).Select(s => s.Id).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var id in ids)
        {
            try
            {
                changed += await EvaluateOneAsync(id, at, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                db.ChangeTracker.Clear();
                logger.LogError(exception, "Evaluating SLO {Id} failed", id);
            }
        }
        return changed;
    }

    private async Task<int> EvaluateOneAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var slo = await db.Slos.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (slo is null)
        {
            return 0;
        }
        var evaluation = await EvaluateAsync(slo, at, cancellationToken);
        var open = await db.BurnAlerts.Where(a => a.SloId == id && a.ResolvedAt == null).ToListAsync(cancellationToken);
        var changes = BurnAlertReconciler.Apply(db, slo, evaluation, open);
        foreach (var change in changes)
        {
            logger.LogInformation("SLO {Slo}: {Kind} {State}: {Condition}", slo.Name, change.Kind, change.Fired ? "fired" : "resolved", change.Condition);
        }
        await SnapshotAsync(slo, evaluation, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return changes.Count;
    }

    private async Task SnapshotAsync(Slo slo, SloEvaluation evaluation, CancellationToken cancellationToken)
    {
        var snapshot = await db.SloSnapshots.SingleOrDefaultAsync(s => s.SloId == slo.Id, cancellationToken);
        if (snapshot is null)
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
