namespace Unyo.Features.Notifications.Outbox;

public enum NotificationStatus
{
    // Waiting for its first attempt or for a retry (NextAttemptAt).
    Pending,
    Delivered,
    // Refused for good by the receiver, or still failing when its retry time ran out: on the
    // dead-letter list until an admin retries it.
    Dead,
    // A personal page step not yet sent when the alert was acknowledged or resolved.
    Cancelled,
}
