using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Features.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

/// The pipeline judges each new alert by its integration's support hours at the time it opens,
/// on the wall clock of the rule's zone, across the night Berlin moves to summer time.
public sealed class SupportHoursUrgencyTests(Servers servers)
{
    // Friday 27 March 2026, 16:30 UTC: 17:30 in Berlin (CET), inside 08:00–18:00.
    private static readonly DateTimeOffset FridayAfternoon = new(2026, 3, 27, 16, 30, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task AlertsAreHighInsideSupportHoursAndBySeverityOutsideThemOnTheLocalClock(string provider)
    {
        var clock = new FakeTimeProvider(FridayAfternoon);
        var app = await servers.GetIsolatedAsync(provider, "support-hours", services: s => s.AddSingleton<TimeProvider>(clock));
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var integration = await IntegrationKit.CreateAsync(admin, service, "alertmanager", urgency: new
        {
            rule = "supportHours", timeZone = "Europe/Berlin", days = new[] { "mon", "tue", "wed", "thu", "fri" }, start = "08:00", end = "18:00", outside = "severity",
        });
        using var anonymous = app.Client();
        async Task<AlertUrgency> OpenAsync(string fingerprint, string severity)
        {
            var payload = IntegrationKit.AlertmanagerPayload("firing", IntegrationKit.AlertmanagerAlert("firing", fingerprint, new() { ["alertname"] = fingerprint, ["severity"] = severity }));
            (await IntegrationKit.PostAsync(anonymous, "alertmanager", integration.Key, payload)).EnsureSuccessStatusCode();
            return (await AlertKit.AlertsAsync(app, service)).Single(a => a.DedupKey == fingerprint).Urgency;
        }

        var inside = await OpenAsync("friday-inside", "warning");
        clock.Advance(TimeSpan.FromHours(1));
        var outsideWarning = await OpenAsync("friday-outside", "warning");
        var outsideCritical = await OpenAsync("friday-outside-critical", "critical");
        // Monday 30 March, 06:30 UTC: 08:30 in Berlin, now CEST. At last week's offset it would be 07:30.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 30, 6, 30, 0, TimeSpan.Zero));
        var mondayMorning = await OpenAsync("monday-morning", "info");

        Assert.Equal(
            (AlertUrgency.High, AlertUrgency.Low, AlertUrgency.High, AlertUrgency.High),
            (inside, outsideWarning, outsideCritical, mondayMorning));
    }
}
