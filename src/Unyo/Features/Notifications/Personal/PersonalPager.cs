using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications.Outbox;
using Unyo.Features.OnCall.Escalation;

namespace Unyo.Features.Notifications.Personal;

// Pages people by their own rules: one outbox row per step of the rules for the alert's urgency,
// each due DelayMinutes after the page. Someone with no rules for that urgency is emailed at
// their account address at once, so a page never vanishes for want of settings.
public sealed class PersonalPager(AlertMessages messages, NotificationOptions options, NotificationDispatcher dispatcher) : IPersonalPager
{
    public async Task PageAsync(UnyoDb db, Alert alert, IReadOnlyList<PersonalPage> pages, CancellationToken cancellationToken)
    {
        var users = pages.Select(p => p.UserId).Distinct().ToList();
        var rules = await db.NotificationRules.AsNoTracking().Where(r => users.Contains(r.UserId) && r.Urgency == alert.Urgency)
            .Select(r => new { r.UserId, r.ContactMethodId, r.DelayMinutes }).ToListAsync(cancellationToken);
        var names = await db.Services.AsNoTracking().Where(s => s.Id == alert.ServiceId).Select(s => new { s.Name, Team = s.Team!.Name }).SingleAsync(cancellationToken);
        foreach (var page in pages)
        {
            var steps = rules.Where(r => r.UserId == page.UserId).Select(r => ((Guid?)r.ContactMethodId, r.DelayMinutes)).ToList();
            if (steps.Count == 0)
            {
                steps.Add((null, 0));
            }
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
                    Message = NotificationJson.Write(messages.For(id, notificationEvent, alert, names.Name, names.Team)),
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
