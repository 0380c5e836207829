using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Checks;
using Unyo.Features.Maintenance;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Alerts.Sources;

// One comparison of what Unyo's own sources say with the open alerts they raised: an open burn
// alert or a failing check without an open alert is triggered, an open alert whose condition
// cleared is resolved. Everything goes through IAlertIntake, so these alerts are deduped,
// silenced, routed and notified like any other.
public sealed class InternalAlertSweep(UnyoDb db, SliData data, IAlertIntake intake, MaintenanceCalendar maintenance, InternalAlertEvents events, TimeProvider time)
{
    public const string SloSource = "unyo/slo";
    public const string CheckSource = "unyo/check";

    private sealed record OpenAlert(Guid ServiceId, string DedupKey, AlertSeverity Severity);

    public async Task<(int Triggered, int Resolved)> RunAsync(CancellationToken cancellationToken)
    {
        // Open alerts first, then the sources' state: an alert seen here was triggered from a state
        // no newer than the one read after it, so a sweep never resolves what it has not seen clear.
        var open = (await db.Alerts.AsNoTracking()
            .Where(a => a.ResolvedAt == null && a.IntegrationId == null && (a.Source == SloSource || a.Source == CheckSource))
            .Select(a => new OpenAlert(a.ServiceId, a.DedupKey, a.Severity))
            .ToListAsync(cancellationToken))
            .ToDictionary(a => (a.ServiceId, a.DedupKey));
        var wanted = new Dictionary<(Guid, string), (IntegrationRef Service, AlertEvent Event)>();
        var quiet = new HashSet<(Guid, string)>();
        var timetable = await maintenance.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow();
        var burning = await BurningAsync(cancellationToken);
        var judged = timetable.NamesChecks && burning.Count > 0 ? await ChecksJudgedAsync(burning, cancellationToken) : [];
        foreach (var burn in burning)
        {
            var key = (burn.ServiceId, burn.DedupKey);
            // Planned work on the check whose results the SLO judges holds its burn back like the
            // check's own alerts (a window on the whole service does so in the pipeline).
            if (judged.TryGetValue(burn.SloId, out var judgedCheck) && timetable.NamesCheck(judgedCheck, now, out var planned) && planned.SuppressAlerts)
            {
                quiet.Add(key);
                continue;
            }
            wanted[key] = (IntegrationRef.Unyo(burn.ServiceId, burn.Service, burn.TeamId), events.ForBurn(burn));
        }
        foreach (var check in await FailingAsync(cancellationToken))
        {
            var key = (check.ServiceId, check.DedupKey);
            // Planned work on the check: no page, and an alert already open is left as it is.
            if (timetable.CoversCheck(check.ServiceId, check.Check, now, out var window) && window.SuppressAlerts)
            {
                quiet.Add(key);
                continue;
            }
            wanted[key] = (IntegrationRef.Unyo(check.ServiceId, check.Service, check.TeamId), events.ForCheck(check));
        }

        var resolve = open.Values.Where(a => !wanted.ContainsKey((a.ServiceId, a.DedupKey)) && !quiet.Contains((a.ServiceId, a.DedupKey)))
            .Select(a => (a.ServiceId, a.DedupKey)).ToList();
        var trigger = new List<(IntegrationRef Service, AlertEvent Event)>();
        foreach (var (key, want) in wanted)
        {
            if (!open.TryGetValue(key, out var alert))
            {
                trigger.Add(want);
            }
            else if (want.Event.Severity < alert.Severity)
            {
                // A degraded check that went down: its alert keeps the severity it opened with, so
                // the warning is resolved and a critical alert opened (severity order: critical first).
                resolve.Add(key);
                trigger.Add(want);
            }
        }
        foreach (var group in resolve.GroupBy(k => k.ServiceId))
        {
            await SubmitAsync(IntegrationRef.Unyo(group.Key, "", Guid.Empty), [.. group.Select(k => InternalAlertEvents.Resolve(k.DedupKey))], cancellationToken);
        }
        foreach (var group in trigger.GroupBy(t => t.Service.ServiceId))
        {
            await SubmitAsync(group.First().Service, [.. group.Select(t => t.Event)], cancellationToken);
        }
        return (trigger.Count, resolve.Count);
    }

    private async Task SubmitAsync(IntegrationRef service, IReadOnlyList<AlertEvent> batch, CancellationToken cancellationToken)
    {
        if (!(await intake.SubmitAsync(service, batch, cancellationToken)).Accepted)
        {
            // The intake queue is full: the next sweep tries again.
            throw new InvalidOperationException("The alert intake queue is full; internal alerts wait for the next sweep.");
        }
    }

    private Task<List<InternalAlertEvents.Burn>> BurningAsync(CancellationToken cancellationToken) =>
        db.BurnAlerts.AsNoTracking().Where(b => b.ResolvedAt == null)
            .Select(b => new InternalAlertEvents.Burn(b.SloId, b.Slo!.Name, b.Slo.DisplayName, b.Slo.ObjectivePercent, b.Kind, b.Condition, b.FiredAt, b.Peak,
                b.Slo.ServiceId, b.Slo.Service!.Name, b.Slo.Service.TeamId))
            .ToListAsync(cancellationToken);

    // Per burning SLO over an SLI fed by a check: that check's name.
    private async Task<Dictionary<Guid, string>> ChecksJudgedAsync(List<InternalAlertEvents.Burn> burning, CancellationToken cancellationToken)
    {
        var sloIds = burning.Select(b => b.SloId).Distinct().ToList();
        var slis = await db.Slos.AsNoTracking().Where(s => sloIds.Contains(s.Id)).Select(s => new { s.Id, s.SliId }).ToListAsync(cancellationToken);
        var checks = await data.ChecksFeedingAsync([.. slis.Select(s => s.SliId).Distinct()], cancellationToken);
        return slis.Where(s => checks.ContainsKey(s.SliId)).ToDictionary(s => s.Id, s => checks[s.SliId]);
    }

    private Task<List<InternalAlertEvents.FailingCheck>> FailingAsync(CancellationToken cancellationToken) =>
        db.CheckStates.AsNoTracking().Where(s => s.Status == CheckStatus.Down || s.Status == CheckStatus.Degraded)
            .Join(db.Checks.Where(c => c.Enabled), s => s.CheckId, c => c.Id,
                (s, c) => new InternalAlertEvents.FailingCheck(c.Id, c.Name, s.Status, s.Reason, s.Since, c.ServiceId, c.Service!.Name, c.Service.TeamId))
            .ToListAsync(cancellationToken);
}
