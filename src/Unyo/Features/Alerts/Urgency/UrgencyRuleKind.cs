namespace Unyo.Features.Alerts.Urgency;

public enum UrgencyRuleKind
{
    // critical and error → high, warning and info → low (the default).
    Severity,
    High,
    Low,
    SupportHours,
}
