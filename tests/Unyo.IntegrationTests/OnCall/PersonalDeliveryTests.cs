using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Notifications.Outbox;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Notifications;
using static Unyo.IntegrationTests.OnCall.ContactMethodKit;

namespace Unyo.IntegrationTests.OnCall;

// A person's own rules, end to end through the real senders: high urgency pages a push webhook at
// once and an SMS five minutes later, through a fake Twilio on 127.0.0.1. The clock is the test's,
// the escalation worker runs by itself, the dispatcher runs when the test says.
public sealed class PersonalDeliveryTests(Servers servers)
{
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed record Setup(UnyoApp App, FakeTimeProvider Clock, HttpReceiver Push, HttpReceiver Twilio, string Service, string Person, ContactMethodResponse PushMethod, ContactMethodResponse Sms, HttpClient Me);

    private async Task<Setup> SetUpAsync(string provider)
    {
        var clock = new FakeTimeProvider(Monday);
        var push = await HttpReceiver.StartAsync();
        var twilio = await HttpReceiver.StartAsync();
        var app = await servers.GetIsolatedAsync(provider, $"personal-{Guid.NewGuid():N}", new Dictionary<string, string>
        {
            ["UNYO_NOTIFY_SEND"] = "false",
            ["UNYO_PUBLIC_URL"] = "https://unyo.example.com",
            ["UNYO_PHONE_BASE_URL"] = twilio.Url.ToString().TrimEnd('/'),
            ["UNYO_PHONE_ACCOUNT_SID"] = "AC0123456789abcdef",
            ["UNYO_PHONE_AUTH_TOKEN"] = "tw1l10-token",
            ["UNYO_PHONE_FROM"] = "+14155550100",
        }, services: s => s.AddSingleton<TimeProvider>(clock));
        using var admin = app.Admin();
        (await admin.PutAsJsonAsync("api/v1/check-settings", new CheckSettingsRequest { AllowedTargets = ["127.0.0.1"] }, HttpAssertions.Json)).EnsureSuccessStatusCode();
        var (team, people, token) = await ScheduleKit.TeamAsync(app, people: 1);
        var me = app.Client(token);
        var pushMethod = await AddAsync(me, "me", "push", url: $"{push.Url.ToString().TrimEnd('/')}/page");
        var sms = await AddAsync(me, "me", "sms", address: "+4915100000001");
        await SetRulesAsync(me, "me", [Step(pushMethod.Id, 0), Step(sms.Id, 5)], []);
        var service = Names.Unique("checkout");
        var policy = Names.Unique("checkout-pager");
        (await admin.PostJsonAsync("api/v1/services", new ServiceRequest { Name = service, Team = team })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/escalation-policies", new EscalationPolicyRequest
        {
            Name = policy, Team = team, Levels = [new() { EscalateAfter = "30m", Targets = [new() { User = people[0] }] }],
        })).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("api/v1/alert-routes", new AlertRouteRequest
        {
            Name = Names.Unique("urgent"), Team = team, Match = new() { Services = [service] }, Targets = new() { EscalationPolicy = policy },
        })).EnsureSuccessStatusCode();
        return new Setup(app, clock, push, twilio, service, people[0], pushMethod, sms, me);
    }

    [Theory, DatabaseData]
    public async Task ThePushWebhookIsPagedAtOnceAndTheSmsOnlyFiveMinutesLater(string provider)
    {
        var s = await SetUpAsync(provider);
        await using var _ = s.Push;
        await using var __ = s.Twilio;
        Assert.Null(s.Sms.Warning);
        var id = (await AlertApiKit.TriggerAsync(s.App, s.Service, ("db", "Database down", "critical")))[0];

        var steps = await StepsAsync(s.App, id, 2);
        Assert.Equal(1, await NotifyKit.DispatchAsync(s.App));
        var page = s.Push.Single();
        Assert.Empty(s.Twilio.Requests);
        Assert.Equal([Monday, Monday.AddMinutes(5)], steps.Select(n => n.NextAttemptAt));

        s.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await NotifyKit.DispatchAsync(s.App));
        Assert.Empty(s.Twilio.Requests);
        s.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await NotifyKit.DispatchAsync(s.App));
        var text = s.Twilio.Single();

        Assert.Equal(("POST", "/page"), (page.Method, page.Path));
        Assert.Contains("Database down", page.Body);
        Assert.StartsWith("v1=", page.Headers["X-Unyo-Signature"]);
        Assert.Equal("/2010-04-01/Accounts/AC0123456789abcdef/Messages.json", text.Path);
        Assert.Contains("To=%2B4915100000001", text.Body);
        Assert.Contains("Database+down", text.Body);
        Assert.All(await NotifyKit.NotificationsAsync(s.App, id), n => Assert.Equal(NotificationStatus.Delivered, n.Status));
    }

    [Theory, DatabaseData]
    public async Task AnAcknowledgementAtThreeMinutesMeansTheSmsIsNeverSent(string provider)
    {
        var s = await SetUpAsync(provider);
        await using var _ = s.Push;
        await using var __ = s.Twilio;
        var id = (await AlertApiKit.TriggerAsync(s.App, s.Service, ("db", "Database down", "critical")))[0];
        await StepsAsync(s.App, id, 2);
        Assert.Equal(1, await NotifyKit.DispatchAsync(s.App));

        s.Clock.Advance(TimeSpan.FromMinutes(3));
        (await s.Me.PostAsync($"api/v1/alerts/{id}/acknowledge", null)).EnsureSuccessStatusCode();
        s.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await NotifyKit.DispatchAsync(s.App));

        Assert.Empty(s.Twilio.Requests);
        var sms = Assert.Single(await NotifyKit.NotificationsAsync(s.App, id), n => n.ContactMethodId == s.Sms.Id);
        Assert.Equal(NotificationStatus.Cancelled, sms.Status);
        Assert.Empty(await NotifyKit.AttemptsAsync(s.App, sms.Id));
    }

    [Theory, DatabaseData]
    public async Task ATestPageGoesThroughTheRealSenderAndSaysWhatTheReceiverAnswered(string provider)
    {
        var s = await SetUpAsync(provider);
        await using var _ = s.Push;
        await using var __ = s.Twilio;

        var pushed = await (await s.Me.PostAsync($"api/v1/users/me/contact-methods/{s.PushMethod.Id}/test", null)).ReadAsync<ChannelTestResponse>(HttpStatusCode.OK);
        s.Twilio.Status = 401;
        var texted = await (await s.Me.PostAsync($"api/v1/users/{s.Person}/contact-methods/{s.Sms.Id}/test", null)).ReadAsync<ChannelTestResponse>(HttpStatusCode.OK);
        var records = await (await s.App.Admin().GetAsync($"api/v1/audit?actor={Uri.EscapeDataString(s.Person)}&limit=50")).ReadAsync<Page<AuditRecordResponse>>(HttpStatusCode.OK);

        Assert.Equal(("delivered", 200), (pushed.Result, pushed.StatusCode));
        Assert.Contains("Test page", s.Push.Single().Body);
        Assert.Equal(("rejected", 401), (texted.Result, texted.StatusCode));
        Assert.Contains("To=%2B4915100000001", s.Twilio.Single().Body);
        Assert.Equal(2, records.Items.Count(r => r.Action == "contactmethod.test"));
    }

    // Waits (real time, a few seconds at most) until the alert has at least `count` outbox rows.
    private static async Task<List<Notification>> StepsAsync(UnyoApp app, long alertId, int count)
    {
        for (var i = 0; ; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<UnyoDb>().Notifications.AsNoTracking().Where(n => n.AlertId == alertId).ToListAsync();
            if (rows.Count >= count || i == 100)
            {
                Assert.True(rows.Count >= count, $"expected {count} notifications of alert {alertId}, found {rows.Count}");
                return [.. rows.OrderBy(n => n.NextAttemptAt)];
            }
            await Task.Delay(50);
        }
    }
}
