using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Alerts;

public enum AlertChangeKind
{
    Triggered,
    Acknowledged,
    Resolved,
    // A snooze ran out, or an escalation asks for the alert to be sent again.
    Renotify,
    // Handed to a person (Alert.AssigneeId), who should be paged if it is still triggered.
    Reassigned,
}

// A change to an alert that someone may need to hear of. Facts: what routes and silences judge.
public sealed record AlertChange(Alert Alert, AlertChangeKind Kind, AlertFacts Facts, string Actor);
