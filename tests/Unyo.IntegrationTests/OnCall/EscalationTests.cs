using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Notifications;
using Unyo.Features.OnCall.Escalation;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;

namespace Unyo.IntegrationTests.OnCall;

// The journey: a weekly rotation in Tokyo time and an escalation policy in YAML, a route
// that sends the service's high-urgency alerts to it; level 1 is paged, nobody acknowledges, level 2
// is paged exactly N minutes later; an acknowledgement stops the rest. The clock is the test's; the
// escalation worker runs by itself (it looks every second on the real clock).
public sealed class EscalationTests(Servers servers)
{
    // A Monday, 09:00 in Tokyo: the rotation's first handoff.
    private static readonly DateTimeOffset Monday = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed class RecordingEmail : INotificationSender
    {
        public ConcurrentQueue<(string To, NotificationMessage Message)> Sent { get; } = new();

        public ChannelKind Kind => ChannelKind.Email;

        public Task<DeliveryOutcome> SendAsync(ChannelTarget channel, NotificationMessage message, CancellationToken cancellationToken)
        {
            Sent.Enqueue(((string)channel.Settings["to"]![0]!, message));
            return Task.FromResult(DeliveryOutcome.Delivered());
        }
    }

    private sealed record Setup(UnyoApp App, FakeTimeProvider Clock, RecordingEmail Email, string Service, string[] People, string Policy);

    private static readonly Dictionary<string, string> Settings = new() { ["UNYO_NOTIFY_SEND"] = "false", ["UNYO_PUBLIC_URL"] = "https://unyo.example.com" };

    private static Action<IServiceCollection> Replacements(FakeTimeProvider clock, RecordingEmail email) => s =>
    {
        s.AddSingleton<TimeProvider>(clock);
        s.AddSingleton<INotificationSender>(email);
    };

    private async Task<Setup> SetUpAsync(string provider, int repeat = 1, DateTimeOffset? start = null, UnyoApp? app = null, FakeTimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(start ?? Monday);
        var email = new RecordingEmail();
        app ??= await servers.GetIsolatedAsync(provider, $"escalation-{Guid.NewGuid():N}", Settings, services: Replacements(clock, email));
        return await ConfigureAsync(app, clock, email, repeat);
    }

    private static async Task<Setup> ConfigureAsync(UnyoApp app, FakeTimeProvider clock, RecordingEmail email, int repeat)
    {
        using var admin = app.Admin();
        var (team, people, _) = await ScheduleKit.TeamAsync(app, people: 3);
        var service = Names.Unique("checkout");
        var schedule = Names.Unique("tokyo");
        var policy = Names.Unique("checkout-pager");
        var yaml = $$"""
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: { name: {{service}}, team: {{team}} }
            spec: { tier: 1 }
            ---
            apiVersion: unyo.dev/v1
            kind: Schedule
            metadata: { name: {{schedule}}, team: {{team}} }
            spec:
              timeZone: Asia/Tokyo
              layers:
                - name: weekly
                  users: [{{people[0]}}, {{people[1]}}]
                  turn: weekly
                  start: 2026-06-01T09:00
            ---
            apiVersion: unyo.dev/v1
            kind: EscalationPolicy
            metadata: { name: {{policy}}, team: {{team}} }
            spec:
              repeat: {{repeat}}
              levels:
                - escalateAfter: 10m
                  targets: [{ schedule: {{schedule}} }]
                - escalateAfter: 15m
                  targets: [{ user: {{people[2]}} }]
            ---
            apiVersion: unyo.dev/v1
            kind: AlertRoute
            metadata: { name: {{Names.Unique("urgent")}}, team: {{team}} }
            spec:
              match: { services: [{{service}}], urgencies: [high] }
              targets: { escalationPolicy: {{policy}} }
            """;
        var applied = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("oncall.yaml", yaml)] });
        Assert.True(applied.Applied);
        return new Setup(app, clock, email, service, people, policy);
    }

    [Theory, DatabaseData]
    public async Task LevelTwoIsPagedExactlyTenMinutesAfterLevelOneAndAnAcknowledgementStopsTheRest(string provider)
    {
        var (app, clock, email, service, people, policy) = await SetUpAsync(provider);
        var id = (await AlertApiKit.TriggerAsync(app, service, ("db", "Database down", "critical")))[0];

        var first = await PagesAsync(app, id, 1);
        Assert.Equal((people[0], 0, $"schedule"), (first[0].Email, first[0].Level, first[0].Via.Split(' ')[0]));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal((people[0], NotificationEvent.Triggered, id), (email.Sent.Last().To, email.Sent.Last().Message.Event, email.Sent.Last().Message.AlertId));

        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Single(await PagesAsync(app, id, 1));

        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await PagesAsync(app, id, 2);
        Assert.Equal((people[2], 1, "user", Monday.AddMinutes(10)), (second[1].Email, second[1].Level, second[1].Via, second[1].At));
        Assert.Equal(1, await NotifyKit.DispatchAsync(app));
        Assert.Equal((people[2], NotificationEvent.Escalated), (email.Sent.Last().To, email.Sent.Last().Message.Event));

        using var admin = app.Admin();
        (await admin.PostAsync($"api/v1/alerts/{id}/acknowledge", null)).EnsureSuccessStatusCode();
        // Without the acknowledgement the policy would run again (repeat: 1) from level 1 at minute 25.
        clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(2, (await PagesAsync(app, id, 2)).Count);
        var escalation = Assert.Single(await (await admin.GetAsync($"api/v1/alerts/{id}/escalations")).ReadAsync<List<EscalationResponse>>(HttpStatusCode.OK));
        Assert.Equal((policy, "acknowledged", 2), (escalation.Policy, escalation.Status, escalation.Pages.Count));
        var timeline = (await AlertKit.TimelineAsync(app, id)).Where(e => e.Kind == Unyo.Features.Alerts.AlertTimelineKind.Escalated).Select(e => e.Text).ToList();
        Assert.Contains(timeline, t => t!.StartsWith($"Level 1 of 2 of escalation policy {policy} (run 1 of 2) paged {people[0]}", StringComparison.Ordinal));
        Assert.Contains(timeline, t => t!.StartsWith($"Level 2 of 2 of escalation policy {policy} (run 1 of 2) paged {people[2]}", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task AnAcknowledgementOneMinuteBeforeTheWaitEndsMeansLevelTwoIsNeverPaged(string provider)
    {
        var (app, clock, _, service, _, _) = await SetUpAsync(provider);
        var id = (await AlertApiKit.TriggerAsync(app, service, ("db", "Database down", "critical")))[0];
        await PagesAsync(app, id, 1);

        clock.Advance(TimeSpan.FromMinutes(9));
        using var admin = app.Admin();
        (await admin.PostAsync($"api/v1/alerts/{id}/acknowledge", null)).EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Single(await PagesAsync(app, id, 1));
    }

    [Theory, DatabaseData]
    public async Task AResolveFromTheSourceStopsEverythingAndAReassignmentPagesTheAssigneeInstead(string provider)
    {
        var (app, clock, _, service, people, _) = await SetUpAsync(provider);
        var ids = await AlertApiKit.TriggerAsync(app, service, ("db", "Database down", "critical"), ("cache", "Cache cold", "critical"));
        await PagesAsync(app, ids[0], 1);
        await PagesAsync(app, ids[1], 1);
        using var admin = app.Admin();

        (await admin.PostAsync($"api/v1/alerts/{ids[0]}/resolve", null)).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"api/v1/alerts/{ids[1]}/reassign", new { user = people[1] })).EnsureSuccessStatusCode();
        var reassigned = await PagesAsync(app, ids[1], 2);
        clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Single(await PagesAsync(app, ids[0], 1));
        var byReassignment = Assert.Single(reassigned, p => p.Via == "reassigned");
        Assert.Equal((people[1], (int?)null), (byReassignment.Email, byReassignment.Level));
        Assert.Equal(2, (await PagesAsync(app, ids[1], 2)).Count);
        var statuses = await StatusesAsync(app, ids);
        Assert.Equal([EscalationStatus.Resolved, EscalationStatus.Reassigned], statuses);
    }

    [Theory, DatabaseData]
    public async Task ALevelWithNobodyOnCallPassesTheAlertOnAtOnce(string provider)
    {
        // Before the rotation starts the schedule has nobody: level 1 is empty.
        var (app, _, _, service, people, policy) = await SetUpAsync(provider, start: Monday.AddDays(-1));
        var id = (await AlertApiKit.TriggerAsync(app, service, ("db", "Database down", "critical")))[0];

        var pages = await PagesAsync(app, id, 1);

        Assert.Equal((people[2], 1), (pages[0].Email, pages[0].Level));
        var timeline = (await AlertKit.TimelineAsync(app, id)).Select(e => e.Text).ToList();
        Assert.Contains($"Level 1 of 2 of escalation policy {policy} (run 1 of 2) reaches nobody right now; passing on.", timeline);
    }

    [Theory, DatabaseData]
    public async Task ARestartInTheMiddleContinuesAtTheRightTime(string provider)
    {
        // Two servers, one after the other, on one database: the second is the first restarted.
        var store = new Dictionary<string, string>(Settings);
        if (provider == Providers.Postgres)
        {
            store["database"] = await UnyoApp.CreatePostgresDatabaseAsync();
        }
        else
        {
            store["data"] = Directory.CreateTempSubdirectory("unyo-restart-").FullName;
        }
        var before = new FakeTimeProvider(Monday);
        var first = await UnyoApp.StartAsync(provider, store, Replacements(before, new RecordingEmail()));
        var (_, _, _, service, people, _) = await ConfigureAsync(first, before, new RecordingEmail(), repeat: 0);
        var id = (await AlertApiKit.TriggerAsync(first, service, ("db", "Database down", "critical")))[0];
        await PagesAsync(first, id, 1);
        before.Advance(TimeSpan.FromMinutes(4));
        await first.DisposeAsync();

        var after = new FakeTimeProvider(Monday.AddMinutes(6));
        await using var second = await UnyoApp.StartAsync(provider, store, Replacements(after, new RecordingEmail()));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Single(await PagesAsync(second, id, 1));
        after.Advance(TimeSpan.FromMinutes(4));
        var pages = await PagesAsync(second, id, 2);

        Assert.Equal((people[2], 1, Monday.AddMinutes(10)), (pages[1].Email, pages[1].Level, pages[1].At));
    }

    private sealed record PageRow(string Email, int? Level, string Via, DateTimeOffset At);

    // Waits (real time, a few seconds at most) until the alert has at least `count` pages.
    private static async Task<List<PageRow>> PagesAsync(UnyoApp app, long alertId, int count)
    {
        for (var i = 0; ; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var pages = await scope.ServiceProvider.GetRequiredService<UnyoDb>().EscalationPages.AsNoTracking().Where(p => p.AlertId == alertId)
                .OrderBy(p => p.At).ThenBy(p => p.Id).Select(p => new PageRow(p.User!.Email, p.Level, p.Via, p.At)).ToListAsync();
            if (pages.Count >= count || i == 100)
            {
                Assert.True(pages.Count >= count, $"expected {count} pages of alert {alertId}, found {pages.Count}");
                return pages;
            }
            await Task.Delay(100);
        }
    }

    private static async Task<List<EscalationStatus>> StatusesAsync(UnyoApp app, IReadOnlyList<long> alerts)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<UnyoDb>().AlertEscalations.AsNoTracking().Where(e => alerts.Contains(e.AlertId)).ToListAsync();
        return [.. alerts.Select(a => rows.Single(r => r.AlertId == a).Status)];
    }
}
