namespace Unyo.Features.Alerts.Urgency;

// What support hours decide inside or outside them: a fixed urgency, or the severity's.
public enum UrgencyChoice
{
    High,
    Low,
    Severity,
}
