using Unyo.Features.Maintenance;

namespace Unyo.Features.Alerts.Pipeline;

// The pipeline's judgements about a new alert: how urgent it is, and whether anyone should be
// told of it (a silence or a maintenance window may hold it back).
public sealed class AlertJudge(MaintenanceCalendar maintenance)
{
    // The event's own urgency wins; otherwise its integration's rule decides, at the time the alert opens.
    public static AlertUrgency UrgencyFor(AlertEvent alert, IntegrationRef integration, DateTimeOffset at) =>
        alert.Urgency ?? Urgency.UrgencyPolicies.For(integration).Decide(alert.Severity, at);

    // Read once per batch; the calendar keeps its own cache.
    public ValueTask<MaintenanceTimetable> TimetableAsync(CancellationToken cancellationToken) => maintenance.CurrentAsync(cancellationToken);

    // Why no one is told of the new alert, or null: "maintenance: NAME" while a window that holds
    // alerts back covers the service.
    public static string? SuppressionFor(MaintenanceTimetable timetable, Guid serviceId, AlertFacts facts, DateTimeOffset at) =>
        timetable.CoversService(serviceId, at, out var window) && window.SuppressAlerts ? $"maintenance: {window.Window}" : null;
}
