using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Incidents;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Postmortems;

// Step 2's measured half: how long users were hurt (detected → resolved, or until now while it
// is not resolved), which services and alerts, and the share of each SLO's error budget the
// incident window spent. The budget is the SLO's own, as the SLO feature computes it at the end
// of the window (SloEvaluator); the spending is counted over the window's minutes the same way
// (MinuteCounting): bad events for occurrence SLOs, bad time-slice minutes for time-slice SLOs.
public sealed class PostmortemImpact(UnyoDb db, SloEvaluator evaluator, SliData sli, TimeProvider time)
{
    public async Task<PostmortemImpactResponse> MeasureAsync(Incident incident, CancellationToken cancellationToken)
    {
        var end = incident.ResolvedAt ?? time.GetUtcNow();
        var start = incident.DetectedAt <= end ? incident.DetectedAt : end;
        var services = await db.IncidentImpacts.AsNoTracking().Where(i => i.IncidentId == incident.Id)
            .Select(i => new { i.ServiceId, i.Service!.Name }).ToListAsync(cancellationToken);
        var alerts = await db.IncidentAlerts.AsNoTracking().Where(a => a.IncidentId == incident.Id).OrderBy(a => a.AlertId).Select(a => a.AlertId).ToListAsync(cancellationToken);
        var serviceIds = services.Select(s => s.ServiceId).ToList();
        var slos = await db.Slos.AsNoTracking().Where(s => serviceIds.Contains(s.ServiceId)).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var budgets = new List<BudgetSpentResponse>(slos.Count);
        foreach (var slo in slos)
        {
            budgets.Add(await SpentAsync(slo, services.First(s => s.ServiceId == slo.ServiceId).Name, start, end, cancellationToken));
        }
        return new PostmortemImpactResponse(start, incident.ResolvedAt, end - start, [.. services.Select(s => s.Name).Order(StringComparer.Ordinal)], alerts, budgets);
    }

    private async Task<BudgetSpentResponse> SpentAsync(Slo slo, string service, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var definition = slo.ToDefinition();
        var evaluation = await evaluator.EvaluateAsync(slo, end, cancellationToken);
        var minutes = await sli.MinutesBetweenAsync(slo.SliId, SliMinute.Of(start), SliMinute.LastBefore(end), cancellationToken);
        var tally = MinuteCounting.Tally(definition, minutes, 0, minutes.Count);
        double spent = definition.Budgeting == BudgetingMethod.Timeslices ? (double)tally.BadSlices * definition.TimeSliceMinutes : tally.Events.Bad;
        double? share = evaluation.BudgetTotal > 0 ? spent / evaluation.BudgetTotal : null;
        return new BudgetSpentResponse(slo.Name, service, evaluation.BudgetUnit, spent, evaluation.BudgetTotal, share);
    }
}
