namespace Unyo.Features.Alerts;

// What an incoming event asks for, as PagerDuty's event_action names it.
public enum AlertAction
{
    Trigger,
    Acknowledge,
    Resolve,
}
