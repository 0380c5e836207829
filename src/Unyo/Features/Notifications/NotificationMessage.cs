using Unyo.Features.Alerts;

namespace Unyo.Features.Notifications;

// Everything a channel may say about one alert, fixed when the notification is written to the
// outbox so that a retry an hour later sends what was true then. DeliveryId goes out with every
// attempt (X-Unyo-Delivery on webhooks) so receivers can drop duplicates. The acknowledge and
// resolve links are signed, expiring and single-purpose; null when the event needs none.
public sealed record NotificationMessage(
    Guid DeliveryId,
    NotificationEvent Event,
    long AlertId,
    string AlertUrl,
    string Summary,
    string Service,
    string Team,
    AlertSeverity Severity,
    AlertUrgency Urgency,
    AlertStatus Status,
    string Source,
    string DedupKey,
    string? RunbookUrl,
    bool RunbookMissing,
    IReadOnlyList<AlertLink> Links,
    IReadOnlyDictionary<string, string> Labels,
    string? Details,
    int Occurrences,
    DateTimeOffset OccurredAt,
    string? AcknowledgeUrl,
    string? ResolveUrl);
