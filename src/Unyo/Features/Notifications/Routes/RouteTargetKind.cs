namespace Unyo.Features.Notifications.Routes;

// What a route sends to: a channel gets a message; an escalation policy starts an escalation
// that pages people level by level.
public enum RouteTargetKind
{
    Channel,
    EscalationPolicy,
}
