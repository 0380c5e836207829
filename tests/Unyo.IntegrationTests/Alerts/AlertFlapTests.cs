using Microsoft.Extensions.Time.Testing;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class AlertFlapTests(Servers servers)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task TheFourthAlertOfAKeyWithinThirtyMinutesIsStoredQuietlyAndTheKeyPagesAgainOnceSettled(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();

        async Task OpenAndResolveAsync()
        {
            (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "flappy"))).EnsureSuccessStatusCode();
            clock.Advance(TimeSpan.FromMinutes(2));
            (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "resolve", "flappy"))).EnsureSuccessStatusCode();
            clock.Advance(TimeSpan.FromMinutes(2));
        }

        for (var i = 0; i < 3; i++)
        {
            await OpenAndResolveAsync();
        }
        // The three pages, then the three resolutions (each waits for its own alert's page).
        Assert.Equal(3, await NotifyKit.DispatchAsync(app));
        Assert.Equal(3, await NotifyKit.DispatchAsync(app));

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "flappy"))).EnsureSuccessStatusCode();
        Assert.Equal(0, await NotifyKit.DispatchAsync(app));
        var fourth = (await AlertKit.AlertsAsync(app, service)).Last();
        Assert.Equal((4, AlertStatus.Triggered), ((await AlertKit.AlertsAsync(app, service)).Count, fourth.Status));
        Assert.StartsWith("flapping", fourth.SuppressedBy);
        Assert.Contains(await AlertKit.TimelineAsync(app, fourth.Id), e => e.Kind == AlertTimelineKind.Suppressed && e.Text!.StartsWith("flapping", StringComparison.Ordinal));
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "resolve", "flappy"))).EnsureSuccessStatusCode();
        Assert.Equal(0, await NotifyKit.DispatchAsync(app));

        // Thirty quiet minutes later the first three have left the window: the key pages again.
        clock.Advance(TimeSpan.FromMinutes(31));
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "flappy"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Null((await AlertKit.AlertsAsync(app, service)).Last().SuppressedBy);
    }
}
