using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts;

namespace Unyo.Features.OnCall.Escalation;

// Moves alerts through their escalation policies. Start, stop and reassign run inside the
// transaction that changes the alert (called by the notifier); FireAsync runs one due step for
// the worker. A step's pages, timeline entry and the escalation's next due time are one
// SaveChanges guarded by the escalation's Revision: with several nodes each step fires once, and
// an acknowledgement that lands first (it bumps the revision) stops the step.
public sealed class EscalationEngine(UnyoDb db, EscalationTargets targets, IPersonalPager pager, TimeProvider time)
{
    // Starts (or, for a woken snooze, restarts from level 1) the alert's escalation through each policy.
    public async Task StartAsync(Alert alert, IReadOnlyList<Guid> policyIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var existing = await LoadAsync(alert.Id, active: false, cancellationToken);
        foreach (var policyId in policyIds.Distinct())
        {
            var escalation = existing.Find(e => e.PolicyId == policyId);
            if (escalation is null)
            {
                escalation = new AlertEscalation { Id = Guid.CreateVersion7(now), AlertId = alert.Id, PolicyId = policyId, StartedAt = now };
                db.AlertEscalations.Add(escalation);
            }
            (escalation.Status, escalation.Level, escalation.Round, escalation.NextAt, escalation.StoppedAt) = (EscalationStatus.Active, 0, 0, now, null);
            escalation.Revision++;
        }
    }

    // Acknowledged or resolved: nothing more pages. Reassigned: the policy stops and the new
    // assignee is paged instead.
    public async Task StopAsync(Alert alert, EscalationStatus status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var escalation in await LoadAsync(alert.Id, active: true, cancellationToken))
        {
            (escalation.Status, escalation.NextAt, escalation.StoppedAt) = (status, null, now);
            escalation.Revision++;
        }
    }

    public async Task ReassignAsync(Alert alert, Guid userId, string actor, CancellationToken cancellationToken)
    {
        await StopAsync(alert, EscalationStatus.Reassigned, cancellationToken);
        if (alert.Status != AlertStatus.Triggered)
        {
            return;
        }
        var now = time.GetUtcNow();
        db.EscalationPages.Add(new EscalationPage { Id = Guid.CreateVersion7(now), AlertId = alert.Id, UserId = userId, Via = "reassigned", At = now });
        await pager.PageAsync(db, alert, [new PersonalPage(userId, now, Escalated: true)], cancellationToken);
    }

    // The alert's escalations, tracked: stored ones and ones added in this unit of work.
    private async Task<List<AlertEscalation>> LoadAsync(long alertId, bool active, CancellationToken cancellationToken)
    {
        var stored = await db.AlertEscalations.Where(e => e.AlertId == alertId && (!active || e.Status == EscalationStatus.Active)).ToListAsync(cancellationToken);
        foreach (var local in db.AlertEscalations.Local.Where(e => e.AlertId == alertId && (!active || e.Status == EscalationStatus.Active)))
        {
            if (!stored.Contains(local))
            {
                stored.Add(local);
            }
        }
        return stored;
    }

    public async Task<List<Guid>> DueAsync(int take, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.AlertEscalations.AsNoTracking().Where(e => e.Status == EscalationStatus.Active && e.NextAt <= now)
            .OrderBy(e => e.NextAt).Select(e => e.Id).Take(take).ToListAsync(cancellationToken);
    }

    // Fires the due steps of a batch of escalations in one transaction: a busy node pages a
    // hundred alerts with one commit. Null when another node (or an acknowledgement) changed one
    // of them meanwhile: nothing was written, and the caller fires them one by one instead.
    public async Task<int?> FireBatchAsync(IReadOnlyList<Guid> escalationIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.AlertEscalations.Include(e => e.Alert).Include(e => e.Policy)
            .Where(e => escalationIds.Contains(e.Id) && e.Status == EscalationStatus.Active && e.NextAt <= now).ToListAsync(cancellationToken);
        foreach (var escalation in due)
        {
            await StepAsync(escalation, now, cancellationToken);
        }
        return await SaveAsync(cancellationToken) ? due.Count : null;
    }

    // Fires the escalation's due step, if it is still due. False when another node (or an
    // acknowledgement) got there first.
    public async Task<bool> FireAsync(Guid escalationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var escalation = await db.AlertEscalations.Include(e => e.Alert).Include(e => e.Policy)
            .SingleOrDefaultAsync(e => e.Id == escalationId && e.Status == EscalationStatus.Active && e.NextAt <= now, cancellationToken);
        if (escalation is null)
        {
            return false;
        }
        await StepAsync(escalation, now, cancellationToken);
        return await SaveAsync(cancellationToken);
    }

    // Changes the tracked escalation (and adds its pages and timeline entries) for its due step.
    private async Task StepAsync(AlertEscalation escalation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var alert = escalation.Alert!;
        var policy = escalation.Policy!;
        escalation.Revision++;
        if (alert.Status != AlertStatus.Triggered)
        {
            // An acknowledgement or resolution this engine did not hear of (it always should).
            (escalation.Status, escalation.NextAt, escalation.StoppedAt) = (alert.Status == AlertStatus.Resolved ? EscalationStatus.Resolved : EscalationStatus.Acknowledged, null, now);
            return;
        }
        var levels = StoredLevel.Read(policy.Levels);
        var rounds = policy.Repeat + 1;
        // Empty levels pass the alert on at once; a policy with nobody anywhere ends after one look at each.
        for (var looked = 0; looked < levels.Count * rounds; looked++)
        {
            var level = levels[escalation.Level];
            var reached = await targets.WhoAsync(level.Targets, now, cancellationToken);
            var name = LevelName(escalation, levels.Count, rounds, policy.Name);
            if (reached.Count == 0)
            {
                Timeline(alert, now, $"{name} reaches nobody right now; passing on.");
                if (!Advance(escalation, levels.Count, rounds, now, TimeSpan.Zero))
                {
                    Timeline(alert, now, $"Escalation policy {policy.Name} has paged every level it has; nothing more will page.");
                    return;
                }
                continue;
            }
            var escalated = escalation.Level > 0 || escalation.Round > 0;
            foreach (var person in reached)
            {
                db.EscalationPages.Add(new EscalationPage
                {
                    Id = Guid.CreateVersion7(now), AlertId = alert.Id, EscalationId = escalation.Id, UserId = person.UserId,
                    Level = escalation.Level, Round = escalation.Round, Via = person.Via, At = now,
                });
            }
            await pager.PageAsync(db, alert, [.. reached.Select(r => new PersonalPage(r.UserId, now, escalated))], cancellationToken);
            var emails = await EmailsAsync(reached.Select(r => r.UserId), cancellationToken);
            Timeline(alert, now, $"{name} paged {string.Join(", ", reached.Select(r => $"{emails.GetValueOrDefault(r.UserId, "(removed user)")} ({r.Via})"))}.");
            if (!Advance(escalation, levels.Count, rounds, now, level.EscalateAfter))
            {
                Timeline(alert, now, $"Escalation policy {policy.Name} has paged every level it has; nothing more will page.");
            }
            return;
        }
        (escalation.Status, escalation.NextAt, escalation.StoppedAt) = (EscalationStatus.Exhausted, null, now);
    }

    private readonly Dictionary<Guid, string> _emails = [];

    private async Task<Dictionary<Guid, string>> EmailsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var unread = wanted.Where(id => !_emails.ContainsKey(id)).ToList();
        if (unread.Count > 0)
        {
            foreach (var (id, email) in await db.Users.Where(u => unread.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken))
            {
                _emails[id] = email;
            }
        }
        return wanted.Where(_emails.ContainsKey).ToDictionary(id => id, id => _emails[id]);
    }

    // Moves to the next level (or the first level of the next run) due after `wait`; false, and
    // exhausted, when there is none.
    private static bool Advance(AlertEscalation escalation, int levels, int rounds, DateTimeOffset now, TimeSpan wait)
    {
        if (escalation.Level + 1 < levels)
        {
            escalation.Level++;
        }
        else if (escalation.Round + 1 < rounds)
        {
            (escalation.Level, escalation.Round) = (0, escalation.Round + 1);
        }
        else
        {
            (escalation.Status, escalation.NextAt, escalation.StoppedAt) = (EscalationStatus.Exhausted, null, now);
            return false;
        }
        escalation.NextAt = now + wait;
        return true;
    }

    private static string LevelName(AlertEscalation escalation, int levels, int rounds, string policy) =>
        string.Create(CultureInfo.InvariantCulture, $"Level {escalation.Level + 1} of {levels} of escalation policy {policy}")
        + (rounds > 1 ? string.Create(CultureInfo.InvariantCulture, $" (run {escalation.Round + 1} of {rounds})") : "");

    private void Timeline(Alert alert, DateTimeOffset now, string text) =>
        db.AlertTimeline.Add(new AlertTimelineEntry { AlertId = alert.Id, At = now, Kind = AlertTimelineKind.Escalated, Actor = "unyo", Text = text });

    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
