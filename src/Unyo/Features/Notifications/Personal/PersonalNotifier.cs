using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications.Outbox;
using Unyo.Features.OnCall.Notices;
using Unyo.Features.OnCall.Personal;

namespace Unyo.Features.Notifications.Personal;

// Sends routine notices (shift starts, weekly digests) by email only: to the account address and
// to each of the person's email contact methods. Notification rules are for pages; a routine
// notice must not ring a phone or send a text at night, so SMS, voice, chat and push are skipped.
// One outbox row per address, written in the caller's transaction.
public sealed class PersonalNotifier(NotificationOptions options, NotificationDispatcher dispatcher) : IPersonalNotifier
{
    public async Task NotifyAsync(UnyoDb db, IReadOnlyList<PersonalNotice> notices, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var users = notices.Select(n => n.UserId).Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        var methods = await db.ContactMethods.AsNoTracking().Where(c => users.Contains(c.UserId) && c.Kind == ContactMethodKind.Email && c.Address != null)
            .Select(c => new { c.Id, c.UserId, Address = c.Address! }).ToListAsync(cancellationToken);
        foreach (var notice in notices)
        {
            if (!accounts.TryGetValue(notice.UserId, out var account))
            {
                continue;
            }
            // An email method with the account's own address would send the same mail twice.
            var extra = methods.Where(m => m.UserId == notice.UserId && !string.Equals(m.Address, account, StringComparison.OrdinalIgnoreCase))
                .DistinctBy(m => m.Address.ToUpperInvariant()).Select(m => (Guid?)m.Id);
            foreach (var method in extra.Prepend(null))
            {
                var id = Guid.NewGuid();
                db.Add(new Notification
                {
                    Id = id,
                    UserId = notice.UserId,
                    ContactMethodId = method,
                    Event = NotificationEvent.Notice,
                    Message = NotificationJson.Write(Message(id, notice, at)),
                    Status = NotificationStatus.Pending,
                    CreatedAt = at,
                    NextAttemptAt = at,
                    GiveUpAt = at + options.RetryFor,
                });
            }
        }
    }

    public void OnCommitted() => dispatcher.Wake();

    // The alert-shaped message with the notice in its general fields: Summary the subject, Details
    // the text, AlertUrl the link. The alert fields are neutral; the notice templates do not use them.
    private NotificationMessage Message(Guid id, PersonalNotice notice, DateTimeOffset at) => new(
        DeliveryId: id,
        Event: NotificationEvent.Notice,
        AlertId: 0,
        AlertUrl: new Uri(options.PublicUrl, notice.Link).ToString(),
        Summary: notice.Subject,
        Service: "unyo",
        Team: "",
        Severity: AlertSeverity.Info,
        Urgency: AlertUrgency.Low,
        Status: AlertStatus.Triggered,
        Source: "unyo",
        DedupKey: $"notice-{id}",
        RunbookUrl: null,
        RunbookMissing: false,
        Links: [],
        Labels: new Dictionary<string, string>(),
        Details: notice.Text,
        Occurrences: 1,
        OccurredAt: at,
        AcknowledgeUrl: null,
        ResolveUrl: null);
}
