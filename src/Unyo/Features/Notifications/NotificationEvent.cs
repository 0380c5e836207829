namespace Unyo.Features.Notifications;

// Why a notification is sent.
public enum NotificationEvent
{
    Triggered,
    Acknowledged,
    Resolved,
    // Sent again by an escalation step or a repeat.
    Escalated,
    // A test message from the channel's page or API.
    Test,
    // A routine message to a person (their shift starts, the week's digest): no alert behind it;
    // Summary is the subject, Details the text, AlertUrl the link.
    Notice,
}
