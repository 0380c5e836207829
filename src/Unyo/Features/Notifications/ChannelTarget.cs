using System.Text.Json.Nodes;

namespace Unyo.Features.Notifications;

// A channel as a sender sees it: its settings with the secrets opened, read when the
// notification is sent (so a rotated webhook URL applies to retries too).
public sealed record ChannelTarget(
    Guid Id,
    string Name,
    ChannelKind Kind,
    JsonObject Settings,
    IReadOnlyDictionary<string, string> Secrets,
    JsonObject? Templates);
