using Unyo.Features.Alerts;

namespace Unyo.Features.Notifications.Channels.Senders;

// The colour chat cards give a message: green when resolved, amber when acknowledged or a
// warning, red for errors and critical alerts, blue otherwise.
public static class MessageColors
{
    public static int Of(NotificationMessage message) => message.Event switch
    {
        NotificationEvent.Resolved => 0x2EB67D,
        NotificationEvent.Acknowledged => 0xECB22E,
        _ => message.Severity switch
        {
            AlertSeverity.Critical or AlertSeverity.Error => 0xE01E5A,
            AlertSeverity.Warning => 0xECB22E,
            _ => 0x36C5F0,
        },
    };
}
