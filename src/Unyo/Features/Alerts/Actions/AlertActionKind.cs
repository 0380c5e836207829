namespace Unyo.Features.Alerts.Actions;

public enum AlertActionKind
{
    Acknowledge,
    Resolve,
}
