using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.AutoResolve;
using Unyo.Features.Notifications;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class AlertAutoResolveTests(Servers servers)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task AnAlertWithNoEventForItsIntegrationsAutoResolveTimeIsResolvedAndThePagedChannelHearsIt(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging, "pager-" + team);
        var integration = await (await admin.PostJsonAsync("api/v1/integrations", new IntegrationRequest
        {
            Name = Names.Unique("hook"), Service = service, Kind = "pagerduty", AutoResolveAfter = "30m",
        })).ReadAsync<IntegrationResponse>(HttpStatusCode.Created);
        Assert.Equal("30m", integration.AutoResolveAfter);
        var resolver = app.Services.GetServices<IHostedService>().OfType<AlertAutoResolver>().Single();
        using var anonymous = app.Client();

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(integration.Key, "quiet"))).EnsureSuccessStatusCode();
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(integration.Key, "chatty"))).EnsureSuccessStatusCode();
        Assert.Equal(2, await NotifyKit.DispatchAsync(app));
        clock.Advance(TimeSpan.FromMinutes(20));
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(integration.Key, "chatty"))).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(11));
        await resolver.RunOnceAsync(CancellationToken.None);

        var alerts = (await AlertKit.AlertsAsync(app, service)).ToDictionary(a => a.DedupKey);
        Assert.Equal((AlertStatus.Resolved, "unyo: no event for 30m"), (alerts["quiet"].Status, alerts["quiet"].ResolvedBy));
        Assert.Equal(AlertStatus.Triggered, alerts["chatty"].Status);
        Assert.Contains(await AlertKit.TimelineAsync(app, alerts["quiet"].Id), e => e.Kind == AlertTimelineKind.AutoResolved);
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal(("quiet", NotificationEvent.Resolved), (sender.Sent.Last().Message.DedupKey, sender.Sent.Last().Message.Event));

        // Twenty more minutes: the chatty one has been quiet for 31 and goes too; the quiet one stays resolved once.
        clock.Advance(TimeSpan.FromMinutes(20));
        await resolver.RunOnceAsync(CancellationToken.None);
        Assert.All(await AlertKit.AlertsAsync(app, service), a => Assert.Equal(AlertStatus.Resolved, a.Status));
        Assert.Single(await AlertKit.TimelineAsync(app, alerts["quiet"].Id), e => e.Kind == AlertTimelineKind.AutoResolved);
    }

    [Theory, DatabaseData]
    public async Task AnAutoResolveTimeOutsideFiveMinutesToThirtyDaysIsRefusedByName(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        foreach (var (text, message) in new[] { ("1m", "must be between 5m and 30d"), ("31d", "must be between 5m and 30d"), ("soon", "is not a duration") })
        {
            var refused = await (await admin.PostJsonAsync("api/v1/integrations", new IntegrationRequest
            {
                Name = Names.Unique("hook"), Service = service, Kind = "pagerduty", AutoResolveAfter = text,
            })).ProblemAsync(HttpStatusCode.BadRequest);
            refused.AssertField("autoResolveAfter", message);
        }
        Assert.Empty((await (await admin.GetAsync($"api/v1/integrations?service={service}")).ReadAsync<Page<IntegrationResponse>>(HttpStatusCode.OK)).Items);
    }
}
