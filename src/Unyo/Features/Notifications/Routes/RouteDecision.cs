namespace Unyo.Features.Notifications.Routes;

// Where one alert's notifications go. Routes: the routes that matched, in order. Targets: each
// once, in order (channels and escalation policies). UsedDefault: no route decided, so the service team's default channels (paging
// for high urgency, chat for low) were used. Reason: what the alert's timeline should say when
// it is not plain (the default was used, nobody can be notified, a channel was skipped); null
// when routes matched and every channel they name was used.
public sealed record RouteDecision(IReadOnlyList<string> Routes, IReadOnlyList<RouteTarget> Targets, bool UsedDefault, string? Reason)
{
    public IReadOnlyList<Guid> ChannelIds { get; } = [.. Targets.Where(t => t.Kind == RouteTargetKind.Channel).Select(t => t.Id)];

    public IReadOnlyList<Guid> PolicyIds { get; } = [.. Targets.Where(t => t.Kind == RouteTargetKind.EscalationPolicy).Select(t => t.Id)];
}
