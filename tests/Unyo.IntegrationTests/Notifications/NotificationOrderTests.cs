using Microsoft.Extensions.Time.Testing;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Outbox;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Notifications;

/// A receiver hears of an alert's changes in the order they happened, even while the first
/// of them is being retried; a dead-lettered one stops holding the rest back.
public sealed class NotificationOrderTests(Servers servers)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task AResolveWaitsBehindItsTriggerWhileTheTriggerIsRetriedButOtherAlertsDoNot(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();
        var failures = 2;
        sender.Answer = m => m.DedupKey == "db-down" && m.Event == NotificationEvent.Triggered && failures-- > 0
            ? new DeliveryOutcome(DeliveryResult.RetryLater, 503, "down")
            : DeliveryOutcome.Delivered(200);

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "db-down"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var alertId = sender.Sent.Single().Message.AlertId;
        // On the same tick of the clock: the resolve is still written after the trigger.
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "resolve", "db-down"))).EnsureSuccessStatusCode();
        Assert.Equal(0, await NotifyKit.DispatchAsync(app));
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "disk-full"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal("disk-full", sender.Sent.Last().Message.DedupKey);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var waiting = await NotifyKit.NotificationsAsync(app, alertId);
        Assert.Equal([(NotificationEvent.Triggered, NotificationStatus.Pending, 2), (NotificationEvent.Resolved, NotificationStatus.Pending, 0)],
            waiting.Select(n => (n.Event, n.Status, n.Attempts)));
        Assert.True(waiting[0].CreatedAt < waiting[1].CreatedAt);

        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal(0, await NotifyKit.DispatchAsync(app));

        var heard = sender.Sent.Where(s => s.Message.AlertId == alertId).Select(s => s.Message.Event);
        Assert.Equal([NotificationEvent.Triggered, NotificationEvent.Triggered, NotificationEvent.Triggered, NotificationEvent.Resolved], heard);
        Assert.All(await NotifyKit.NotificationsAsync(app, alertId), n => Assert.Equal(NotificationStatus.Delivered, n.Status));
    }

    [Theory, DatabaseData]
    public async Task ADeadLetteredTriggerNoLongerHoldsBackTheAcknowledgementAndResolveThatFollowIt(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();
        var triggerAnswers = new Queue<DeliveryOutcome>([
            new DeliveryOutcome(DeliveryResult.RetryLater, 502, "bad gateway"),
            new DeliveryOutcome(DeliveryResult.Rejected, 410, "gone"),
        ]);
        sender.Answer = m => m.Event == NotificationEvent.Triggered ? triggerAnswers.Dequeue() : DeliveryOutcome.Delivered(200);

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "db-down"))).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var alertId = sender.Sent.Single().Message.AlertId;
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "acknowledge", "db-down"))).EnsureSuccessStatusCode();
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Act(key, "resolve", "db-down"))).EnsureSuccessStatusCode();
        Assert.Equal(0, await NotifyKit.DispatchAsync(app));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal(NotificationStatus.Dead, (await NotifyKit.NotificationsAsync(app, alertId))[0].Status);
        // The acknowledgement first; the resolve behind it until it is delivered.
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));

        var heard = sender.Sent.Select(s => s.Message.Event);
        Assert.Equal([NotificationEvent.Triggered, NotificationEvent.Triggered, NotificationEvent.Acknowledged, NotificationEvent.Resolved], heard);
        Assert.Equal([NotificationStatus.Dead, NotificationStatus.Delivered, NotificationStatus.Delivered],
            (await NotifyKit.NotificationsAsync(app, alertId)).Select(n => n.Status));
    }

    // Opened and resolved in one request (one batch): the resolve still goes where the page went,
    // and after it. Before the fix the page went out and the resolve never did.
    [Theory, DatabaseData]
    public async Task AnAlertOpenedAndResolvedInOneRequestIsPagedAndThenResolved(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.Native);
        using var anonymous = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/alerts")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new object[]
            {
                new { action = "trigger", dedupKey = "blip", summary = "Checkout blipped", severity = "critical" },
                new { action = "resolve", dedupKey = "blip" },
            }),
        };
        request.Headers.Add("X-Unyo-Integration-Key", key);

        (await anonymous.SendAsync(request)).EnsureSuccessStatusCode();
        while (await NotifyKit.DispatchAsync(app) > 0)
        {
        }

        Assert.Equal([NotificationEvent.Triggered, NotificationEvent.Resolved], sender.Sent.Select(s => s.Message.Event));
        Assert.All(sender.Sent, s => Assert.Equal("blip", s.Message.DedupKey));
    }
}
