namespace Unyo.Features.Notifications.Channels;

// One event's text: a subject (email) or title (cards) and a body. Null parts keep the default.
public sealed record ChannelTemplate(string? Subject, string? Text);
