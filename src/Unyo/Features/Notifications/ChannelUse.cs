namespace Unyo.Features.Notifications;

// What a channel is for when no route names it: with no matching route, high-urgency alerts go
// to the service team's paging channels and low-urgency ones to its chat channels.
public enum ChannelUse
{
    Paging,
    Chat,
}
