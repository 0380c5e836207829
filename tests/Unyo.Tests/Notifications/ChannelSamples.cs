using System.Text.Json.Nodes;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications;

namespace Unyo.Tests.Notifications;

internal static class ChannelSamples
{
    public static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ChannelTarget Target(ChannelKind kind, JsonObject? settings = null, JsonObject? templates = null) =>
        new(Guid.NewGuid(), "ops", kind, settings ?? [], new Dictionary<string, string> { ["url"] = "https://hooks.example/x", ["routingKey"] = "RK" }, templates);

    public static NotificationMessage Message(NotificationEvent notificationEvent = NotificationEvent.Triggered, string summary = "Checkout is down", string? runbook = null, bool runbookMissing = true) => new(
        Guid.Parse("0195d6a4-0000-7000-8000-000000000001"), notificationEvent, 42, "https://unyo.example/alerts/42", summary, "checkout", "payments",
        AlertSeverity.Critical, AlertUrgency.High, notificationEvent == NotificationEvent.Resolved ? AlertStatus.Resolved : AlertStatus.Triggered,
        "prometheus", "checkout-down", runbook, runbookMissing, [new AlertLink("https://grafana.example/d/1", "Dashboard")],
        new Dictionary<string, string> { ["env"] = "prod" }, "5xx above 5% for 10 minutes", 3, At,
        notificationEvent == NotificationEvent.Resolved ? null : "https://unyo.example/a/ack?sig=1",
        notificationEvent == NotificationEvent.Resolved ? null : "https://unyo.example/a/resolve?sig=2");
}
