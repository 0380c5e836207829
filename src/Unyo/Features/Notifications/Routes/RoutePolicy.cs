namespace Unyo.Features.Notifications.Routes;

// What the router knows of an escalation policy.
public sealed record RoutePolicy(Guid Id, string Name, string Team)
{
    public RouteTarget ToTarget() => new(RouteTargetKind.EscalationPolicy, Id, Name);
}
