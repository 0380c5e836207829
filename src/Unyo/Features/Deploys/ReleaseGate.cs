using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Slos;

namespace Unyo.Features.Deploys;

// Answers "may this service ship now?" from its SLOs evaluated this instant, its open page
// alerts, the error-budget policy that governs it, the change's labels and any admin override.
public sealed class ReleaseGate(UnyoDb db, SloEvaluator evaluator, ErrorBudgetPolicyCatalog policies, TimeProvider time)
{
    public async Task<ReleaseGateResponse?> DecideAsync(string serviceName, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var service = await db.Services.AsNoTracking().Select(s => new { s.Id, s.Name }).SingleOrDefaultAsync(s => s.Name == serviceName, cancellationToken);
        if (service is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        var effective = await policies.EffectiveAsync(service.Id, cancellationToken);
        var policy = effective.Rules;
        var slos = await db.Slos.AsNoTracking().Where(s => s.ServiceId == service.Id).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var paging = await db.BurnAlerts.AsNoTracking()
            .Where(a => a.Slo!.ServiceId == service.Id && a.ResolvedAt == null && a.Kind == BurnAlertKind.Page)
            .Select(a => a.Slo!.Name).ToListAsync(cancellationToken);
        var overrides = await db.ReleaseGateOverrides.AsNoTracking()
            .Where(o => o.ServiceId == service.Id && o.EndedAt == null && o.ExpiresAt > now)
            .OrderByDescending(o => o.ExpiresAt).ToListAsync(cancellationToken);

        var reasons = new List<string>();
        var judged = new List<GateSloResponse>();
        var decision = GateDecision.Allow;
        foreach (var slo in slos)
        {
            var evaluation = await evaluator.EvaluateAsync(slo, now, cancellationToken);
            var remaining = evaluation.BudgetRemaining * 100;
            var sloDecision = remaining is { } left ? policy.For(left) : GateDecision.Warn;
            if (policy.FreezeWhilePaging && paging.Contains(slo.Name))
            {
                sloDecision = GateDecision.Freeze;
                reasons.Add($"SLO {slo.Name} is burning its budget fast: a page burn alert fires → freeze ({effective.Label} freezes while paging).");
            }
            reasons.Add(remaining is { } r
                ? $"SLO {slo.Name}: {r.ToString("0.##", CultureInfo.InvariantCulture)}% of the error budget left → {Name(policy.For(r))} ({effective.Label}: {policy.Explain(r)})."
                : $"SLO {slo.Name} has no data in its window, so its budget cannot be judged → warn.");
            judged.Add(new GateSloResponse(slo.Name, evaluation.HasData, remaining, evaluation.Exhausted, Name(sloDecision)));
            decision = (GateDecision)Math.Max((int)decision, (int)sloDecision);
        }
        if (slos.Count == 0)
        {
            reasons.Add("The service has no SLOs: nothing limits its releases.");
        }

        var allowed = decision != GateDecision.Freeze;
        var exempt = labels.Where(l => policy.ExemptLabels.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList();
        if (!allowed && exempt.Count > 0)
        {
            allowed = true;
            reasons.Add($"Exempt: the change is labelled {string.Join(", ", exempt)}.");
        }
        var active = overrides.FirstOrDefault();
        if (!allowed && active is not null)
        {
            allowed = true;
            reasons.Add($"Overridden by {active.CreatedBy} until {active.ExpiresAt:yyyy-MM-dd HH:mm} UTC: {active.Reason}");
        }
        return new ReleaseGateResponse(
            service.Name, allowed, Name(decision), reasons, judged, policy.Describe(),
            active is null ? null : ReleaseGateEndpoints.ToResponse(active), exempt, effective.Name, effective.Source);
    }

    public static string Name(GateDecision decision) => decision.ToString().ToLowerInvariant();
}
