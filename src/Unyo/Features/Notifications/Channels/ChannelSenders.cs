namespace Unyo.Features.Notifications.Channels;

// The registered sender of each kind; as with DI, the last one registered for a kind wins.
public sealed class ChannelSenders(IEnumerable<INotificationSender> senders)
{
    private readonly Dictionary<ChannelKind, INotificationSender> _byKind = senders.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Last());

    public INotificationSender For(ChannelKind kind) =>
        _byKind.TryGetValue(kind, out var sender) ? sender : throw new InvalidOperationException($"No sender is registered for {kind}.");
}
