using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Alerts;
using Unyo.Features.Audit;
using Unyo.Features.Notifications.Channels;
using Unyo.Features.Notifications.Outbox;
using Unyo.Features.OnCall.Personal;

namespace Unyo.Features.Notifications.Personal;

// Sends one Test page to a contact method at once, straight through the sender a real page
// would use (PersonalTargets, then the kind's sender), past the outbox: whoever adds a phone
// number wants to know now whether it rings. Audited with its outcome, not its content.
public sealed class ContactMethodTest(PersonalTargets targets, ChannelSenders senders, AuditLog audit, UnyoDb db, NotificationOptions options, TimeProvider time)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task<ChannelTestResponse> SendAsync(User user, ContactMethod method, string source, CancellationToken cancellationToken)
    {
        var target = await targets.LoadAsync(user.Id, method.Id, cancellationToken)
            ?? throw new InvalidOperationException("The user was found a moment ago.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var outcome = await senders.For(target.Kind).SendAsync(target, Message(method, time.GetUtcNow()), deadline.Token);
        var result = outcome.Result switch
        {
            DeliveryResult.Delivered => "delivered",
            DeliveryResult.RetryLater => "retryLater",
            _ => "rejected",
        };
        audit.Record("contactmethod.test", ContactMethodCatalog.Kind, user.Email, null, new { kind = method.Kind.ToName(), method.Label, result, statusCode = outcome.StatusCode }, source);
        await db.SaveChangesAsync(CancellationToken.None);
        return new ChannelTestResponse(result, outcome.StatusCode, outcome.Detail, outcome.RetryAfter?.TotalSeconds);
    }

    private NotificationMessage Message(ContactMethod method, DateTimeOffset now) => new(
        DeliveryId: Guid.CreateVersion7(now),
        Event: NotificationEvent.Test,
        AlertId: 0,
        AlertUrl: new Uri(options.PublicUrl, "account/notifications").ToString(),
        Summary: $"Test page for your contact method {method.Label}",
        Service: "unyo",
        Team: "",
        Severity: AlertSeverity.Info,
        Urgency: AlertUrgency.Low,
        Status: AlertStatus.Triggered,
        Source: "unyo",
        DedupKey: $"test-{method.Id}",
        RunbookUrl: null,
        RunbookMissing: false,
        Links: [],
        Labels: new Dictionary<string, string>(),
        Details: "If you got this, Unyo can page you here.",
        Occurrences: 1,
        OccurredAt: now,
        AcknowledgeUrl: null,
        ResolveUrl: null);
}
