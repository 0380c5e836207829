namespace Unyo.Features.Notifications.Channels;

// The registered sender of each kind (the dispatcher may take IEnumerable<INotificationSender> itself).
public sealed class ChannelSenders(IEnumerable<INotificationSender> senders)
{
    private readonly Dictionary<ChannelKind, INotificationSender> _byKind = senders.ToDictionary(s => s.Kind);

    public INotificationSender For(ChannelKind kind) =>
        _byKind.TryGetValue(kind, out var sender) ? sender : throw new InvalidOperationException($"No sender is registered for {kind}.");
}
