using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications.Outbox;
using Unyo.Features.OnCall.Escalation;

namespace Unyo.Features.Notifications.Personal;

// Pages people by their own rules: one outbox row per step of the rules for the alert's urgency,
// each due DelayMinutes after the page. Someone with no rules for that urgency is emailed at
// their account address at once, so a page never vanishes for want of settings. Rules and
// service names read once are kept for the scope (the escalation worker's batch).
public sealed class PersonalPager(AlertMessages messages, NotificationOptions options, NotificationDispatcher dispatcher) : IPersonalPager
{
    private readonly Dictionary<(Guid User, AlertUrgency Urgency), List<(Guid? ContactMethod, int Delay)>> _rules = [];
    private readonly Dictionary<Guid, (string Service, string Team)> _names = [];

    public async Task PageAsync(UnyoDb db, Alert alert, IReadOnlyList<PersonalPage> pages, CancellationToken cancellationToken)
    {
        var unread = pages.Select(p => p.UserId).Distinct().Where(u => !_rules.ContainsKey((u, alert.Urgency))).ToList();
        if (unread.Count > 0)
        {
            var rules = await db.NotificationRules.AsNoTracking().Where(r => unread.Contains(r.UserId) && r.Urgency == alert.Urgency)
                .Select(r => new { r.UserId, r.ContactMethodId, r.DelayMinutes }).ToListAsync(cancellationToken);
            foreach (var user in unread)
            {
                var steps = rules.Where(r => r.UserId == user).Select(r => ((Guid?)r.ContactMethodId, r.DelayMinutes)).ToList();
                _rules[(user, alert.Urgency)] = steps.Count > 0 ? steps : [(null, 0)];
            }
        }
        if (!_names.TryGetValue(alert.ServiceId, out var names))
        {
            var row = await db.Services.AsNoTracking().Where(s => s.Id == alert.ServiceId).Select(s => new { s.Name, Team = s.Team!.Name }).SingleAsync(cancellationToken);
            _names[alert.ServiceId] = names = (row.Name, row.Team);
        }
        foreach (var page in pages)
        {
            var steps = _rules[(page.UserId, alert.Urgency)];
            var notificationEvent = page.Escalated ? NotificationEvent.Escalated : NotificationEvent.Triggered;
            foreach (var (contactMethod, delay) in steps)
            {
                var id = Guid.NewGuid();
                var due = page.At + TimeSpan.FromMinutes(delay);
                db.Add(new Notification
                {
                    Id = id,
                    UserId = page.UserId,
                    ContactMethodId = contactMethod,
                    AlertId = alert.Id,
                    Event = notificationEvent,
                    Message = NotificationJson.Write(messages.For(id, notificationEvent, alert, names.Service, names.Team)),
                    Status = NotificationStatus.Pending,
                    CreatedAt = page.At,
                    NextAttemptAt = due,
                    GiveUpAt = due + options.RetryFor,
                });
            }
        }
    }

    public void OnCommitted() => dispatcher.Wake();
}
