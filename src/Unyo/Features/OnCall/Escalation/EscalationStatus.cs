namespace Unyo.Features.OnCall.Escalation;

public enum EscalationStatus
{
    Active,
    Acknowledged,
    Resolved,
    // Every level of every run paged and nobody acknowledged: nothing more will page.
    Exhausted,
    // Someone handed the alert to a person by hand; the policy stops.
    Reassigned,
}
