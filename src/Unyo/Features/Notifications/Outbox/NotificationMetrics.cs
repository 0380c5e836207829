using Prometheus;

namespace Unyo.Features.Notifications.Outbox;

internal static class NotificationMetrics
{
    public static readonly Counter Attempts = Metrics.CreateCounter(
        "unyo_notification_attempts_total", "Attempts to send a notification, by result.", "result");

    public static readonly Counter DeadLettered = Metrics.CreateCounter(
        "unyo_notifications_dead_lettered_total", "Notifications moved to the dead-letter list.");
}
