using Unyo.Features.Alerts;
using Unyo.Data;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Outbox;

namespace Unyo.Features.StatusPages.Subscriptions;

// Writes messages to subscribers into the notification outbox, in the caller's transaction, so
// a published update and the mail about it commit together and the mail is retried until it is
// delivered or dead-lettered, never lost. Notices: Summary is the subject, Details the text.
public sealed class SubscriberMail(NotificationOptions options, NotificationDispatcher dispatcher, SubscriberTokens tokens)
{
    public void Confirmation(UnyoDb db, StatusPage page, StatusSubscriber subscriber, DateTimeOffset at)
    {
        var link = Link($"status/{page.Name}/confirm/{tokens.Confirm(subscriber.Id)}");
        Add(db, subscriber, $"Confirm your subscription to {page.Title}", $"""
            Someone (we hope you) asked to get updates from {page.Title} at this address.

            To confirm, open this link within {SubscriberTokens.ConfirmFor.Days} days and press Confirm:
            {link}

            If it was not you, ignore this mail: nothing more is sent without a confirmation.
            """, Link($"status/{page.Name}"), at);
    }

    public void Update(UnyoDb db, StatusPage page, StatusSubscriber subscriber, string status, string title, string message, DateTimeOffset at)
    {
        var unsubscribe = Link($"status/{page.Name}/unsubscribe/{tokens.Unsubscribe(subscriber.Id)}");
        Add(db, subscriber, $"[{page.Title}] {char.ToUpperInvariant(status[0])}{status[1..]}: {title}", $"""
            {title}
            {char.ToUpperInvariant(status[0])}{status[1..]}: {message}

            Unsubscribe: {unsubscribe}
            """, Link($"status/{page.Name}"), at);
    }

    public void OnCommitted() => dispatcher.Wake();

    private string Link(string path) => new Uri(options.PublicUrl, path).ToString();

    private void Add(UnyoDb db, StatusSubscriber subscriber, string subject, string text, string link, DateTimeOffset at)
    {
        var id = Guid.NewGuid();
        db.Add(new Notification
        {
            Id = id,
            SubscriberId = subscriber.Id,
            Event = NotificationEvent.Notice,
            Message = NotificationJson.Write(new NotificationMessage(
                DeliveryId: id, Event: NotificationEvent.Notice, AlertId: 0, AlertUrl: link, Summary: subject, Service: "unyo", Team: "",
                Severity: AlertSeverity.Info, Urgency: AlertUrgency.Low, Status: AlertStatus.Triggered, Source: "unyo", DedupKey: $"status-{id}",
                RunbookUrl: null, RunbookMissing: false, Links: [], Labels: new Dictionary<string, string>(), Details: text, Occurrences: 1,
                OccurredAt: at, AcknowledgeUrl: null, ResolveUrl: null)),
            Status = NotificationStatus.Pending,
            CreatedAt = at,
            NextAttemptAt = at,
            GiveUpAt = at + options.RetryFor,
        });
    }
}
