using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Maintenance;

/// Alerts from outside (here PagerDuty Events v2) on a service under a window that holds alerts
/// back are stored, marked with the window, and notify no one; a window that only shows itself
/// (suppressAlerts: false) lets them page, and so does the service once its window is over.
public sealed class MaintenanceAlertTests(Servers servers)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task AnAlertForAServiceUnderAWindowThatHoldsAlertsBackIsStoredQuietlyUntilTheWindowEnds(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, held) = await SloTestKit.CreateServiceAsync(admin);
        var (_, shown) = await SloTestKit.CreateServiceAsync(admin, team);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        var heldKey = await AlertKit.IntegrationAsync(app, held, IntegrationKind.PagerDuty);
        var shownKey = await AlertKit.IntegrationAsync(app, shown, IntegrationKind.PagerDuty);
        var window = Names.Unique("upgrade");
        await WindowAsync(admin, window, team, held, suppressAlerts: true);
        await WindowAsync(admin, Names.Unique("visible"), team, shown, suppressAlerts: false);
        using var anonymous = app.Client();
        clock.Advance(TimeSpan.FromMinutes(5));

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(heldKey, "db-down"))).EnsureSuccessStatusCode();
        Assert.Equal(0, await NotifyKit.DispatchAsync(app));
        var quiet = Assert.Single(await AlertKit.AlertsAsync(app, held));
        Assert.Equal(($"maintenance: {window}", AlertStatus.Triggered), (quiet.SuppressedBy, quiet.Status));
        Assert.Contains(await AlertKit.TimelineAsync(app, quiet.Id), e => e.Kind == AlertTimelineKind.Suppressed && e.Text == $"maintenance: {window}");
        Assert.Empty(await NotifyKit.NotificationsAsync(app, quiet.Id));

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(shownKey, "db-down"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Null(Assert.Single(await AlertKit.AlertsAsync(app, shown)).SuppressedBy);

        (await admin.PostAsync($"api/v1/maintenance-windows/{window}/end", null)).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(1));
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(heldKey, "cache-down"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var after = (await AlertKit.AlertsAsync(app, held)).Single(a => a.DedupKey == "cache-down");
        Assert.Null(after.SuppressedBy);
        Assert.Single(await NotifyKit.NotificationsAsync(app, after.Id));
        Assert.Empty(await NotifyKit.NotificationsAsync(app, quiet.Id));
    }

    private static async Task WindowAsync(HttpClient admin, string name, string team, string service, bool suppressAlerts) =>
        (await admin.PostJsonAsync("api/v1/maintenance-windows", new MaintenanceWindowRequest
        {
            Name = name, Team = team, Title = "Database upgrade", Services = [service], SuppressAlerts = suppressAlerts,
            Schedule = new() { Start = Instant(Start), End = Instant(Start.AddHours(2)) },
        })).EnsureSuccessStatusCode();

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
