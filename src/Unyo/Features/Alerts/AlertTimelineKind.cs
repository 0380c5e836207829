namespace Unyo.Features.Alerts;

public enum AlertTimelineKind
{
    Triggered,
    // Triggered again after it resolved, under the same key, within the flap window.
    Retriggered,
    Suppressed,
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
