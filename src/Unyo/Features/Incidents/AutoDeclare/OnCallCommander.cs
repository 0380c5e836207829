using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.OnCall.Escalation;

namespace Unyo.Features.Incidents.AutoDeclare;

// The commander of an incident a rule declares: the first person the alert's escalation reaches
// now. The escalations the notifier just started for the alert come first (they are what pages
// people), then the service's default escalation policy; the first level that reaches anybody
// names them. Null when nobody can be found this cheaply: then the first person to acknowledge a
// linked alert takes command (IncidentDesk.AlertChangedAsync).
public sealed class OnCallCommander(UnyoDb db, EscalationTargets targets, TimeProvider time)
{
    public async Task<Guid?> FindAsync(Alert alert, CancellationToken cancellationToken)
    {
        var policyIds = db.AlertEscalations.Local.Where(e => e.AlertId == alert.Id).Select(e => e.PolicyId).ToList();
        if (policyIds.Count == 0)
        {
            policyIds = await db.AlertEscalations.Where(e => e.AlertId == alert.Id).OrderBy(e => e.StartedAt).Select(e => e.PolicyId).ToListAsync(cancellationToken);
        }
        if (await db.ServiceEscalationPolicies.Where(s => s.ServiceId == alert.ServiceId).Select(s => (Guid?)s.PolicyId).SingleOrDefaultAsync(cancellationToken) is { } fallback)
        {
            policyIds.Add(fallback);
        }
        var now = time.GetUtcNow();
        foreach (var policyId in policyIds.Distinct())
        {
            var levels = await db.EscalationPolicies.Where(p => p.Id == policyId).Select(p => p.Levels).SingleOrDefaultAsync(cancellationToken);
            foreach (var level in StoredLevel.Read(levels ?? "[]"))
            {
                if (await targets.WhoAsync(level.Targets, now, cancellationToken) is [var first, ..])
                {
                    return first.UserId;
                }
            }
        }
        return null;
    }
}
