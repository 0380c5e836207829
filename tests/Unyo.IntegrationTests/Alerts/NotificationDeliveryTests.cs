using Microsoft.Extensions.Time.Testing;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Outbox;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class NotificationDeliveryTests(Servers servers)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task HighUrgencyPagesThePagingChannelLowGoesToChatAndTheEndGoesWhereTheStartWent(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging, "pager-" + team);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Chat, "chat-" + team);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "db-down", severity: "critical"))).EnsureSuccessStatusCode();
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "disk-70", "Disk 70% full", severity: "warning"))).EnsureSuccessStatusCode();
        Assert.Equal(2, await NotifyKit.DispatchAsync(app));

        var sent = sender.Sent.ToList();
        var page = Assert.Single(sent, s => s.Message.DedupKey == "db-down");
        Assert.Equal("pager-" + team, page.Channel);
        Assert.Equal((NotificationEvent.Triggered, service, team, AlertUrgency.High), (page.Message.Event, page.Message.Service, page.Message.Team, page.Message.Urgency));
        Assert.StartsWith("https://unyo.example.com/alerts/act/", page.Message.AcknowledgeUrl);
        Assert.StartsWith("https://unyo.example.com/alerts/act/", page.Message.ResolveUrl);
        Assert.Equal($"https://unyo.example.com/alerts/{page.Message.AlertId}", page.Message.AlertUrl);
        Assert.Equal("chat-" + team, Assert.Single(sent, s => s.Message.DedupKey == "disk-70").Channel);

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "acknowledge", "db-down"))).EnsureSuccessStatusCode();
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "resolve", "db-down"))).EnsureSuccessStatusCode();
        // One at a time: the resolve waits until the acknowledgement before it has gone.
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var ends = sender.Sent.Skip(2).ToList();
        Assert.All(ends, e => Assert.Equal("pager-" + team, e.Channel));
        Assert.Equal([NotificationEvent.Acknowledged, NotificationEvent.Resolved], ends.Select(e => e.Message.Event));
        Assert.All(await NotifyKit.NotificationsAsync(app, page.Message.AlertId), n => Assert.Equal(NotificationStatus.Delivered, n.Status));
        Assert.Equal(page.Message.DeliveryId, (await NotifyKit.NotificationsAsync(app, page.Message.AlertId))[0].Id);
    }

    [Theory, DatabaseData]
    public async Task AFailingReceiverIsRetriedWithBackoffHonouringRetryAfterUntilItAnswers(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        var answers = new Queue<DeliveryOutcome>([
            new DeliveryOutcome(DeliveryResult.RetryLater, 503, "down for maintenance"),
            new DeliveryOutcome(DeliveryResult.RetryLater, 429, "slow down", TimeSpan.FromMinutes(2)),
            new DeliveryOutcome(DeliveryResult.RetryLater, null, "connection refused"),
        ]);
        sender.Answer = _ => answers.Count > 0 ? answers.Dequeue() : DeliveryOutcome.Delivered(204);

        (await AlertKit.EnqueueAsync(app.Client(), AlertKit.Trigger(key, "k"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var alertId = sender.Sent.Single().Message.AlertId;
        var pending = Assert.Single(await NotifyKit.NotificationsAsync(app, alertId));
        Assert.Equal((NotificationStatus.Pending, 1, 503), (pending.Status, pending.Attempts, pending.LastStatusCode));
        Assert.InRange(pending.NextAttemptAt - clock.GetUtcNow(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal(0, await NotifyKit.DispatchAsync(app));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var throttled = Assert.Single(await NotifyKit.NotificationsAsync(app, alertId));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(2), throttled.NextAttemptAt);
        clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(0, await NotifyKit.DispatchAsync(app));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));

        var delivered = Assert.Single(await NotifyKit.NotificationsAsync(app, alertId));
        Assert.Equal((NotificationStatus.Delivered, 4, 204, null), (delivered.Status, delivered.Attempts, delivered.LastStatusCode, delivered.LastError));
        var attempts = await NotifyKit.AttemptsAsync(app, delivered.Id);
        Assert.Equal([DeliveryResult.RetryLater, DeliveryResult.RetryLater, DeliveryResult.RetryLater, DeliveryResult.Delivered], attempts.Select(a => a.Result));
        Assert.Equal(["down for maintenance", "slow down", "connection refused", null], attempts.Select(a => a.Detail));
        Assert.Equal(4, sender.Sent.Count);
        Assert.All(sender.Sent, s => Assert.Equal(delivered.Id, s.Message.DeliveryId));
    }

    [Theory, DatabaseData]
    public async Task RefusedOrExhaustedNotificationsAreDeadLetteredAndANewAlertWithoutChannelsSaysWhy(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "nobody-hears"))).EnsureSuccessStatusCode();
        var unrouted = Assert.Single(await AlertKit.AlertsAsync(app, service));
        var entry = (await AlertKit.TimelineAsync(app, unrouted.Id)).Last();
        Assert.Equal(AlertTimelineKind.Unrouted, entry.Kind);
        Assert.Contains($"team {team} has no paging channel", entry.Text);

        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        sender.Answer = m => m.DedupKey == "refused" ? new DeliveryOutcome(DeliveryResult.Rejected, 404, "no such webhook") : new DeliveryOutcome(DeliveryResult.RetryLater, 502, "bad gateway");
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "refused"))).EnsureSuccessStatusCode();
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "exhausted"))).EnsureSuccessStatusCode();
        Assert.Equal(2, await NotifyKit.DispatchAsync(app));
        var alerts = await AlertKit.AlertsAsync(app, service);
        var refused = Assert.Single(await NotifyKit.NotificationsAsync(app, alerts.Single(a => a.DedupKey == "refused").Id));
        Assert.Equal((NotificationStatus.Dead, 1, "no such webhook"), (refused.Status, refused.Attempts, refused.LastError));

        // 24 hours of retries, 5 minutes apart at most.
        for (var round = 0; round < 24 * 12 + 20; round++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await NotifyKit.DispatchAsync(app);
        }
        var exhausted = Assert.Single(await NotifyKit.NotificationsAsync(app, alerts.Single(a => a.DedupKey == "exhausted").Id));
        Assert.Equal(NotificationStatus.Dead, exhausted.Status);
        Assert.InRange(exhausted.Attempts, 280, 310);
        Assert.StartsWith($"gave up after {exhausted.Attempts} attempts: bad gateway", exhausted.LastError);
    }

    [Theory, DatabaseData]
    public async Task DispatchersRacingForTheSameRowsSendEachNotificationOnce(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender { Delay = TimeSpan.FromMilliseconds(50) };
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, $"k{i}"))));

        var rounds = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => NotifyKit.DispatchAsync(app)));
        while (await NotifyKit.DispatchAsync(app) > 0)
        {
        }

        Assert.Equal(60, sender.Sent.Count);
        Assert.Equal(60, sender.Sent.Select(s => s.Message.DeliveryId).Distinct().Count());
        Assert.True(rounds.Sum() <= 60);
    }

    [Theory, DatabaseData]
    public async Task TheLinksInAMessageAcknowledgeAndResolveOnlyWhenTheButtonIsPressed(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var browser = app.Client();
        (await AlertKit.EnqueueAsync(browser, AlertKit.Trigger(key, "links"))).EnsureSuccessStatusCode();
        await NotifyKit.DispatchAsync(app);
        var message = sender.Sent.Single().Message;
        static string PathOf(string url) => new Uri(url).AbsolutePath.TrimStart('/');

        // Opening the link (as a mail scanner would) only asks.
        var shown = await browser.GetAsync(PathOf(message.AcknowledgeUrl!));
        Assert.Equal(System.Net.HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains($"Acknowledge alert #{message.AlertId}?", await shown.Content.ReadAsStringAsync());
        Assert.Equal(AlertStatus.Triggered, Assert.Single(await AlertKit.AlertsAsync(app, service)).Status);

        var acted = await browser.PostAsync(PathOf(message.AcknowledgeUrl!), null);
        Assert.Contains("acknowledged", await acted.Content.ReadAsStringAsync());
        var alert = Assert.Single(await AlertKit.AlertsAsync(app, service));
        Assert.Equal((AlertStatus.Acknowledged, "link in a notification"), (alert.Status, alert.AcknowledgedBy));
        Assert.Contains("already acknowledged", await (await browser.PostAsync(PathOf(message.AcknowledgeUrl!), null)).Content.ReadAsStringAsync());
        (await browser.PostAsync(PathOf(message.ResolveUrl!), null)).EnsureSuccessStatusCode();
        Assert.Equal(AlertStatus.Resolved, Assert.Single(await AlertKit.AlertsAsync(app, service)).Status);
        // Due together, yet sent in the order they happened: the resolution waits for the acknowledgement.
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var events = sender.Sent.Select(s => s.Message.Event).ToList();
        Assert.Equal([NotificationEvent.Triggered, NotificationEvent.Acknowledged, NotificationEvent.Resolved], events);

        // Altered or expired links act on nothing.
        var token = PathOf(message.ResolveUrl!)["alerts/act/".Length..];
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await browser.PostAsync($"alerts/act/{token[..^2]}xx", null)).StatusCode);
        clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await browser.GetAsync(PathOf(message.ResolveUrl!))).StatusCode);
    }
}
