namespace Unyo.Features.Notifications.Routes;

// One target of a routing decision: for a channel, its id and name.
public sealed record RouteTarget(RouteTargetKind Kind, Guid Id, string Name);
