using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Actions;

namespace Unyo.Features.Notifications.Outbox;

// What a notification says about an alert, fixed when it is written to the outbox.
public sealed class AlertMessages(ActionLinks links, NotificationOptions options)
{
    public NotificationMessage For(Guid deliveryId, NotificationEvent notificationEvent, Alert alert, string service, string team)
    {
        var open = alert.Status != AlertStatus.Resolved;
        return new NotificationMessage(
            deliveryId, notificationEvent, alert.Id, new Uri(options.PublicUrl, $"alerts/{alert.Id}").ToString(),
            alert.Summary, service, team, alert.Severity, alert.Urgency, alert.Status, alert.Source, alert.DedupKey,
            alert.RunbookUrl, alert.RunbookMissing, alert.Links, alert.Labels, alert.Details, alert.OccurrenceCount, alert.LastSeenAt,
            open && alert.Status == AlertStatus.Triggered ? ActionUrl(AlertActionKind.Acknowledge, alert.Id) : null,
            open ? ActionUrl(AlertActionKind.Resolve, alert.Id) : null);
    }

    private string ActionUrl(AlertActionKind action, long alertId) => new Uri(options.PublicUrl, $"alerts/act/{links.Token(action, alertId)}").ToString();
}
