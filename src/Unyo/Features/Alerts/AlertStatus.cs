namespace Unyo.Features.Alerts;

public enum AlertStatus
{
    Triggered,
    Acknowledged,
    Resolved,
}
