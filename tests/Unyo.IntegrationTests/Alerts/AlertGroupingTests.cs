using Microsoft.Extensions.Time.Testing;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class AlertGroupingTests(Servers servers)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static object Trigger(string key, string dedupKey, string group) => new
    {
        routing_key = key,
        event_action = "trigger",
        dedup_key = dedupKey,
        payload = new { summary = $"{dedupKey} is failing", source = "prometheus", severity = "critical", group },
    };

    [Theory, DatabaseData]
    public async Task AlertsOfOneGroupWithinTheWindowPageOnceAndAMemberPagesWhenItsLeadResolvesFirst(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging, "pager-" + team);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();

        (await AlertKit.EnqueueAsync(anonymous, Trigger(key, "db-1", "database"))).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(2));
        (await AlertKit.EnqueueAsync(anonymous, Trigger(key, "db-2", "database"))).EnsureSuccessStatusCode();
        (await AlertKit.EnqueueAsync(anonymous, Trigger(key, "cache-1", "cache"))).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(2));
        (await AlertKit.EnqueueAsync(anonymous, Trigger(key, "db-3", "database"))).EnsureSuccessStatusCode();
        Assert.Equal(2, await NotifyKit.DispatchAsync(app));
        Assert.Equal(["cache-1", "db-1"], sender.Sent.Select(s => s.Message.DedupKey).Order());

        var alerts = (await AlertKit.AlertsAsync(app, service)).ToDictionary(a => a.DedupKey);
        var lead = alerts["db-1"];
        Assert.Equal((null, lead.Id, lead.Id, null), (lead.GroupedUnderId, alerts["db-2"].GroupedUnderId, alerts["db-3"].GroupedUnderId, alerts["cache-1"].GroupedUnderId));
        var grouped = Assert.Single(await AlertKit.TimelineAsync(app, alerts["db-2"].Id), e => e.Kind == AlertTimelineKind.Grouped);
        Assert.Contains($"#{lead.Id}", grouped.Text);

        // Past the window from the lead's start, the same group opens a group of its own.
        clock.Advance(TimeSpan.FromMinutes(2));
        (await AlertKit.EnqueueAsync(anonymous, Trigger(key, "db-4", "database"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal("db-4", sender.Sent.Last().Message.DedupKey);

        // The lead resolves while db-2 and db-3 are still open: db-2, the older, pages now and leads db-3.
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "resolve", "db-1"))).EnsureSuccessStatusCode();
        Assert.Equal(2, await NotifyKit.DispatchAsync(app));
        var sent = sender.Sent.Skip(3).Select(s => (s.Message.DedupKey, s.Message.Event)).Order().ToList();
        Assert.Equal([("db-1", NotificationEvent.Resolved), ("db-2", NotificationEvent.Triggered)], sent);
        alerts = (await AlertKit.AlertsAsync(app, service)).ToDictionary(a => a.DedupKey);
        Assert.Equal((null, alerts["db-2"].Id), (alerts["db-2"].GroupedUnderId, alerts["db-3"].GroupedUnderId));
        Assert.Contains(await AlertKit.TimelineAsync(app, alerts["db-2"].Id), e => e.Kind == AlertTimelineKind.Ungrouped);

        // A member resolving tells nobody; its lead resolving tells the channel that heard it.
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "resolve", "db-3"))).EnsureSuccessStatusCode();
        Assert.Equal(0, await NotifyKit.DispatchAsync(app));
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "resolve", "db-2"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal(("db-2", NotificationEvent.Resolved), (sender.Sent.Last().Message.DedupKey, sender.Sent.Last().Message.Event));
    }
}
