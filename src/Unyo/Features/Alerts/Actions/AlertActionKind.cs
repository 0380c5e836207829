namespace Unyo.Features.Alerts.Actions;

public enum AlertActionKind
{
    Acknowledge,
    Resolve,
    // Unyo resolving an alert whose integration stopped sending for its auto-resolve time.
    AutoResolve,
}
