using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Actions;
using Unyo.Features.Notifications;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class AlertSnoozeTests(Servers servers)
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task ASnoozedAlertTriggersAndNotifiesAgainWhenItsSnoozeRunsOut(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var sender = new RecordingSender();
        var app = await NotifyKit.ServerAsync(servers, provider, clock, sender);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        await NotifyKit.ChannelAsync(app, team, ChannelUse.Paging, "pager-" + team);
        var id = (await AlertApiKit.TriggerAsync(app, service, ("db", "Database down", "critical")))[0];
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        // The wake is judged by the test clock; the node's own worker may do it first, so the
        // test looks at the alert rather than at who woke it.
        var snoozes = app.Services.GetRequiredService<SnoozeWorker>();

        var notYet = await (await admin.PostJsonAsync($"api/v1/alerts/{id}/snooze", new SnoozeAlertRequest { Minutes = 30 })).ReadAsync<AlertApiTests.ProblemShape>(HttpStatusCode.Conflict);
        (await admin.PostAsync($"api/v1/alerts/{id}/acknowledge", null)).EnsureSuccessStatusCode();
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var neither = await (await admin.PostJsonAsync($"api/v1/alerts/{id}/snooze", new SnoozeAlertRequest())).ProblemAsync(HttpStatusCode.BadRequest);
        var both = await (await admin.PostJsonAsync($"api/v1/alerts/{id}/snooze", new SnoozeAlertRequest { Minutes = 5, Until = Start.AddHours(1) })).ProblemAsync(HttpStatusCode.BadRequest);
        var tooLong = await (await admin.PostJsonAsync($"api/v1/alerts/{id}/snooze", new SnoozeAlertRequest { Until = Start.AddDays(8) })).ProblemAsync(HttpStatusCode.BadRequest);
        var past = await (await admin.PostJsonAsync($"api/v1/alerts/{id}/snooze", new SnoozeAlertRequest { Until = Start.AddMinutes(-1) })).ProblemAsync(HttpStatusCode.BadRequest);
        var snoozed = await (await admin.PostJsonAsync($"api/v1/alerts/{id}/snooze", new SnoozeAlertRequest { Minutes = 30 })).ReadAsync<AlertResponse>(HttpStatusCode.OK);

        Assert.Contains("only an acknowledged alert can be snoozed", notYet.Detail);
        neither.AssertField("until", "give until");
        both.AssertField("minutes", "not both");
        tooLong.AssertField("until", "at most 7 days");
        past.AssertField("until", "in the future");
        Assert.Equal(("acknowledged", Start.AddMinutes(30)), (snoozed.Status, snoozed.SnoozedUntil));

        clock.Advance(TimeSpan.FromMinutes(29));
        await snoozes.WakeDueAsync(CancellationToken.None);
        Assert.Equal(AlertStatus.Acknowledged, Assert.Single(await AlertKit.AlertsAsync(app, service)).Status);
        Assert.Equal(0, await NotifyKit.DispatchAsync(app));

        clock.Advance(TimeSpan.FromMinutes(1));
        await snoozes.WakeDueAsync(CancellationToken.None);
        var woken = Assert.Single(await AlertKit.AlertsAsync(app, service));
        Assert.Equal((AlertStatus.Triggered, null, null), (woken.Status, woken.SnoozedUntil, woken.AcknowledgedBy));
        Assert.Equal(0, await snoozes.WakeDueAsync(CancellationToken.None));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        var again = sender.Sent.Last();
        Assert.Equal(("pager-" + team, NotificationEvent.Escalated, id), (again.Channel, again.Message.Event, again.Message.AlertId));
        Assert.NotNull(again.Message.AcknowledgeUrl);
        // The router's own notes (why a channel was chosen) come between; they are not the subject here.
        var timeline = (await AlertKit.TimelineAsync(app, id)).Where(e => e.Kind != AlertTimelineKind.Note).ToList();
        Assert.Equal([AlertTimelineKind.Triggered, AlertTimelineKind.Acknowledged, AlertTimelineKind.Snoozed, AlertTimelineKind.Unsnoozed], timeline.Select(e => e.Kind));
        Assert.Equal(("until 2026-06-01 12:30 UTC", UnyoApp.AdminEmail), (timeline[2].Text, timeline[2].Actor));
        Assert.Equal("unyo", timeline[3].Actor);
    }
}
