namespace Unyo.Features.Alerts;

public enum AlertTimelineKind
{
    Triggered,
    // Triggered again after it resolved, under the same key, within the flap window.
    Retriggered,
    Suppressed,
    // Opened within the group window of an alert with the same service and group key: told of
    // through that alert's notification, not its own.
    Grouped,
    // The alert it was grouped under resolved first; it is told of on its own now.
    Ungrouped,
    Acknowledged,
    Resolved,
    AutoResolved,
    Snoozed,
    Unsnoozed,
    Reassigned,
    Escalated,
    Note,
    // No route or channel took a new alert: nobody was told, and the entry says why.
    Unrouted,
    UrgencyChanged,
}
