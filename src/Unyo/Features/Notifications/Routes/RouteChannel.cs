namespace Unyo.Features.Notifications.Routes;

// What the router knows of a notification channel.
public sealed record RouteChannel(Guid Id, string Name, string Team, ChannelUse Use, bool Enabled)
{
    public RouteTarget ToTarget() => new(RouteTargetKind.Channel, Id, Name);
}
