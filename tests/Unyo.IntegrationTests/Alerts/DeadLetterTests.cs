using System.Net;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Outbox;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class DeadLetterTests(Servers servers)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task ADeadLetterIsListedAndOnceAnAdminRetriesItIsDeliveredWithItsAttemptsKept(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender { Answer = _ => new DeliveryOutcome(DeliveryResult.Rejected, 404, "no such webhook") };
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var channel = "hook-" + team;
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging, channel);
        var id = (await AlertApiKit.TriggerAsync(app, service, ("db", "Database down", "critical")))[0];
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        using var member = app.Client((await app.CreateUserAsync(OrgRole.Member, team)).Token);

        var dead = await (await member.GetAsync($"api/v1/notifications?status=dead&alert={id}")).ReadAsync<Page<NotificationResponse>>(HttpStatusCode.OK);
        var letter = Assert.Single(dead.Items);
        Assert.Equal((channel, "webhook", team, id, "Database down", "triggered", "dead", 1, 404, "no such webhook"),
            (letter.Channel, letter.ChannelType, letter.Team, letter.AlertId, letter.AlertSummary, letter.Event, letter.Status, letter.Attempts, letter.LastStatusCode, letter.LastError));
        Assert.Empty((await (await member.GetAsync($"api/v1/notifications?status=pending&alert={id}")).ReadAsync<Page<NotificationResponse>>(HttpStatusCode.OK)).Items);
        (await (await member.GetAsync("api/v1/notifications?status=lost&alert=x")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("status", "pending, delivered or dead");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"api/v1/notifications/{letter.Id}/retry", null)).StatusCode);

        sender.Answer = _ => DeliveryOutcome.Delivered(204);
        clock.Advance(TimeSpan.FromHours(1));
        var retried = await (await admin.PostAsync($"api/v1/notifications/{letter.Id}/retry", null)).ReadAsync<NotificationResponse>(HttpStatusCode.OK);
        var twice = await (await admin.PostAsync($"api/v1/notifications/{letter.Id}/retry", null)).ReadAsync<AlertApiTests.ProblemShape>(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"api/v1/notifications/{Guid.NewGuid()}/retry", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));

        Assert.Equal(("pending", 1, clock.GetUtcNow()), (retried.Status, retried.Attempts, retried.NextAttemptAt));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromHours(24), retried.GiveUpAt);
        Assert.Contains("not dead", twice.Detail);
        var delivered = Assert.Single(await NotifyKit.NotificationsAsync(app, id));
        Assert.Equal((NotificationStatus.Delivered, 2, null), (delivered.Status, delivered.Attempts, delivered.LastError));
        Assert.Equal(2, sender.Sent.Count(s => s.Message.DeliveryId == letter.Id));
        var audit = await (await admin.GetAsync($"api/v1/audit?action=notification.retry&name={letter.Id}")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);
        Assert.Equal(UnyoApp.AdminEmail, Assert.Single(audit.Items).ActorEmail);
    }

    [Theory, DatabaseData]
    public async Task TheDeadLetterPageListsThemAndItsRetryButtonSendsAgain(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender { Answer = _ => new DeliveryOutcome(DeliveryResult.Rejected, 410, "webhook gone") };
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging, "hook-" + team);
        var id = (await AlertApiKit.TriggerAsync(app, service, ("disk", "Disk full", "critical")))[0];
        await NotifyKit.DispatchAsync(app);
        var letter = Assert.Single(await NotifyKit.NotificationsAsync(app, id));
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);

        (await browser.GetAsync("notification-channels")).EnsureSuccessStatusCode();
        Assert.Contains("href=\"/notifications/dead-letters\"", browser.Html);
        (await browser.GetAsync("notifications/dead-letters")).EnsureSuccessStatusCode();
        Assert.Contains("hook-" + team, browser.Html);
        Assert.Contains("410: webhook gone", browser.Html);
        var retried = await browser.PostAsync("notifications/dead-letters", "retry-notification", ("RetryId", letter.Id.ToString()));

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Contains("is back in line", browser.Html);
        Assert.Equal(NotificationStatus.Pending, Assert.Single(await NotifyKit.NotificationsAsync(app, id)).Status);
    }
}
