namespace Unyo.Features.Notifications.Channels.Senders;

// A channel that cannot be sent to as stored (a secret lost with the key ring): the message is
// rejected with this reason rather than retried.
public sealed class ChannelMisconfiguredException(string message) : Exception(message);
