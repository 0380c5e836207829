using System.Globalization;
using System.Net;
using Unyo.Client;
using Unyo.Features.Telemetry;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.OnCall;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;

namespace Unyo.IntegrationTests.Incidents;

// Issue 8's "Done when", end to end through the API and the public page: a high-urgency alert on
// a tier-1 service opens a SEV2 incident led by the person on call; they publish an update that
// the public status page shows, resolve the incident, and write a postmortem whose impact already
// shows the error budget spent and whose action item shows on the service page.
public sealed class IncidentJourneyTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AnAlertBecomesAnIncidentAPublicUpdateAResolutionAndAPostmortemWithItsBudgetAndActionItem(string provider)
    {
        // The incident policy is the organisation's: a server of its own, so no other test replaces it meanwhile.
        var app = await servers.GetIsolatedAsync(provider, "incident-journey");
        using var admin = app.Admin();
        var (team, people, memberToken) = await ScheduleKit.TeamAsync(app, people: 1);
        var (service, sli, page) = (Names.Unique("checkout"), Names.Unique("checkout-ok"), Names.Unique("shop"));
        var yaml = $$"""
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: { name: {{service}}, team: {{team}} }
            spec: { tier: 1 }
            ---
            apiVersion: unyo.dev/v1
            kind: SLI
            metadata: { name: {{sli}} }
            spec: { service: {{service}}, kind: ratio }
            ---
            apiVersion: unyo.dev/v1
            kind: SLO
            metadata: { name: {{sli}}-99 }
            spec: { service: {{service}}, sli: {{sli}}, objective: 99, window: 1d }
            ---
            apiVersion: unyo.dev/v1
            kind: EscalationPolicy
            metadata: { name: {{service}}-pager, team: {{team}} }
            spec:
              services: [{{service}}]
              levels:
                - escalateAfter: 10m
                  targets: [{ user: {{people[0]}} }]
            ---
            apiVersion: unyo.dev/v1
            kind: IncidentPolicy
            metadata: { name: default }
            spec:
              rules:
                - name: tier-one-pages
                  match: { urgency: high, maxTier: 1 }
                  declare: { severity: 2, title: "{service}: {summary}" }
            ---
            apiVersion: unyo.dev/v1
            kind: StatusPage
            metadata: { name: {{page}}, team: {{team}} }
            spec:
              title: Shop status
              components: [{ service: {{service}}, displayName: Checkout }]
            """;
        Assert.True((await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("journey.yaml", yaml)] })).Applied);
        // Users are hurting: 2% of checkouts fail from an hour ago until a few minutes from now.
        var sliId = app.WithDb(db => db.Slis.Single(s => s.Name == sli).Id);
        var now = TimeProvider.System.GetUtcNow();
        await Slos.SloClock.TrafficAsync(app, sliId, SliMinute.Start(SliMinute.Of(now)).AddMinutes(-60), 66, 0.02);

        var alert = (await AlertApiKit.TriggerAsync(app, service, (Names.Unique("pay"), "Payments failing", "critical")))[0];
        var incident = Assert.Single((await (await admin.GetAsync($"api/v1/incidents?service={service}")).ReadAsync<Page<IncidentResponse>>(HttpStatusCode.OK)).Items);
        Assert.Equal((2, people[0], $"{service}: Payments failing"), (incident.Severity, incident.Commander, incident.Title));

        using var oncall = app.Client(memberToken);
        (await oncall.PostJsonAsync($"api/v1/incidents/{incident.Id}/status-updates",
            new StatusUpdateRequest { Pages = [page], Status = "identified", Message = "Card payments fail for some users; a fix is rolling out." })).EnsureSuccessStatusCode();
        var publicPage = await app.Client().GetStringAsync($"status/{page}");
        Assert.Contains("Card payments fail for some users; a fix is rolling out.", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain(people[0], publicPage, StringComparison.Ordinal);

        // The impact counts whole minutes from detection: resolve once the detection's minute has passed.
        var detected = (await IncidentKit.GetAsync(admin, incident.Id)).Incident.DetectedAt;
        var minuteOver = SliMinute.Start(SliMinute.Of(detected)).AddMinutes(1).AddSeconds(1) - TimeProvider.System.GetUtcNow();
        if (minuteOver > TimeSpan.Zero)
        {
            await Task.Delay(minuteOver, TestContext.Current.CancellationToken);
        }
        (await oncall.PostAsync($"api/v1/alerts/{alert}/resolve", null)).EnsureSuccessStatusCode();
        (await oncall.PostAsync($"api/v1/incidents/{incident.Id}/resolve", null)).EnsureSuccessStatusCode();

        var postmortem = await (await oncall.PostAsync($"api/v1/incidents/{incident.Id}/postmortem", null)).ReadAsync<PostmortemResponse>(HttpStatusCode.Created);
        var budget = Assert.Single(postmortem.Impact.Budgets);
        Assert.Equal(service, Assert.Single(postmortem.Impact.Services));
        Assert.Equal(alert, Assert.Single(postmortem.Impact.Alerts));
        // 20 bad events in each whole minute of the incident, out of a budget of 1% of the day's events.
        Assert.True(budget.Spent >= 20 && budget.Spent % 20 == 0, $"spent {budget.Spent}");
        Assert.True(budget.SpentShare > 0, $"share {budget.SpentShare}");

        var due = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await oncall.PostJsonAsync($"api/v1/postmortems/{postmortem.Id}/action-items",
            new ActionItemRequest { Title = "Alert on PSP error rate before users notice", Owner = people[0], Due = due, Priority = "P1" })).EnsureSuccessStatusCode();
        using var browser = new Accounts.FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);
        await browser.GetAsync($"services/{service}");
        Assert.Contains("Alert on PSP error rate before users notice", browser.Html, StringComparison.Ordinal);
    }
}
