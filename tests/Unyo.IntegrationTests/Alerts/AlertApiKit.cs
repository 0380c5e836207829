using Unyo.Features.Alerts;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Alerts;

/// Alerts made through PagerDuty intake, for tests of the alerts API.
public static class AlertApiKit
{
    /// Triggers an alert per dedup key on the service (in order) and returns their ids in the same order.
    public static async Task<List<long>> TriggerAsync(UnyoApp app, string service, params (string Key, string Summary, string Severity)[] alerts)
    {
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();
        foreach (var (dedup, summary, severity) in alerts)
        {
            (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, dedup, summary, severity))).EnsureSuccessStatusCode();
        }
        var stored = await AlertKit.AlertsAsync(app, service);
        return [.. alerts.Select(a => stored.Single(s => s.DedupKey == a.Key).Id)];
    }
}
