using Unyo.Features.Alerts.Matching;
using Unyo.Features.Alerts.Silences;
using Unyo.Features.Maintenance;

namespace Unyo.Features.Alerts.Pipeline;

// The pipeline's judgements about a new alert: how urgent it is, and whether anyone should be
// told of it (a silence or a maintenance window may hold it back).
public sealed class AlertJudge(MaintenanceCalendar maintenance, SilenceBook silences)
{
    // How long a batch waits for the silence book's first read after a start: a silence must not
    // be missed because the node just started, but a database that is down must not stop intake.
    private static readonly TimeSpan FirstLoad = TimeSpan.FromSeconds(5);

    // The event's own urgency wins; otherwise its integration's rule decides, at the time the alert opens.
    public static AlertUrgency UrgencyFor(AlertEvent alert, IntegrationRef integration, DateTimeOffset at) =>
        alert.Urgency ?? Urgency.UrgencyPolicies.For(integration).Decide(alert.Severity, at);

    // Read once per batch; the calendar and the book keep their own caches.
    public async ValueTask<MaintenanceTimetable> TimetableAsync(CancellationToken cancellationToken)
    {
        if (!silences.Loaded.IsCompleted)
        {
            await Task.WhenAny(silences.Loaded, Task.Delay(FirstLoad, cancellationToken));
        }
        return await maintenance.CurrentAsync(cancellationToken);
    }

    // Why no one is told of the new alert, or null: a maintenance window that holds alerts back
    // and covers the service, or a silence that matches.
    public string? SuppressionFor(MaintenanceTimetable timetable, Guid serviceId, AlertFacts facts, DateTimeOffset at) =>
        timetable.CoversService(serviceId, at, out var window) && window.SuppressAlerts
            ? $"maintenance: {window.Window}"
            : silences.Find(facts, at) is { } silence ? $"silence: {silence}" : null;
}
