namespace Unyo.Features.Notifications.Routes;

// What a route sends to. Channels now; the on-call issue adds EscalationPolicy here (and a
// column on AlertRoute), and the outbox decides per kind what a target means. The router only
// collects targets in order, so it does not change.
public enum RouteTargetKind
{
    Channel,
}
