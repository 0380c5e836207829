using System.Net;
using System.Net.Http.Json;
using Unyo.Client;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.OnCall;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;

namespace Unyo.IntegrationTests.Incidents;

// The organisation has one incident policy: these tests change it, so they run on a server of
// their own, one after the other.
public sealed class IncidentRuleTests(Servers servers)
{
    private Task<UnyoApp> AppAsync(string provider) => servers.GetIsolatedAsync(provider, "incident-rules");

    // The "Done when", incidents half: a high-urgency alert on a tier-1 service opens a
    // SEV2 incident with the on-call person as commander; acknowledging lands on its timeline.
    [Theory, DatabaseData]
    public async Task AHighUrgencyAlertOnATierOneServiceOpensASev2IncidentLedByTheOnCallPerson(string provider)
    {
        var app = await AppAsync(provider);
        using var admin = app.Admin();
        var (team, people, memberToken) = await ScheduleKit.TeamAsync(app, people: 1);
        var service = Names.Unique("checkout");
        var quiet = Names.Unique("batch");
        var policy = Names.Unique("pager");
        var yaml = $$"""
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: { name: {{service}}, team: {{team}} }
            spec: { tier: 1 }
            ---
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: { name: {{quiet}}, team: {{team}} }
            spec: { tier: 3 }
            ---
            apiVersion: unyo.dev/v1
            kind: EscalationPolicy
            metadata: { name: {{policy}}, team: {{team}} }
            spec:
              services: [{{service}}, {{quiet}}]
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
                  match: { urgency: high, maxTier: 1, services: [{{service}}, {{quiet}}] }
                  declare: { severity: 2, title: "{service}: {summary}" }
            """;
        Assert.True((await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("incidents.yaml", yaml)] })).Applied);

        var key = Names.Unique("pay");
        var alert = (await AlertApiKit.TriggerAsync(app, service, (key, "Payments failing", "critical")))[0];
        var again = await AlertKit.EnqueueAsync(app.Client(), AlertKit.Trigger(await AlertKit.IntegrationAsync(app, service, Features.Alerts.IntegrationKind.PagerDuty), key, "Payments failing"));
        await AlertApiKit.TriggerAsync(app, quiet, (Names.Unique("q"), "Batch late", "critical"));

        again.EnsureSuccessStatusCode();
        var incidents = (await (await admin.GetAsync($"api/v1/incidents?service={service}")).ReadAsync<Page<IncidentResponse>>(HttpStatusCode.OK)).Items;
        var incident = Assert.Single(incidents);
        Assert.Equal((2, "investigating", "rule:tier-one-pages", people[0], $"{service}: Payments failing"), (incident.Severity, incident.Status, incident.Source, incident.Commander, incident.Title));
        Assert.Empty((await (await admin.GetAsync($"api/v1/incidents?service={quiet}")).ReadAsync<Page<IncidentResponse>>(HttpStatusCode.OK)).Items);
        var detail = await IncidentKit.GetAsync(admin, incident.Id);
        Assert.Equal(alert, Assert.Single(detail.Alerts).Id);
        Assert.True(detail.Incident.DetectedAt <= detail.Incident.DeclaredAt);

        (await app.Client(memberToken).PostAsync($"api/v1/alerts/{alert}/acknowledge", null)).EnsureSuccessStatusCode();
        (await app.Client(memberToken).PostAsync($"api/v1/alerts/{alert}/resolve", null)).EnsureSuccessStatusCode();
        var worked = await IncidentKit.GetAsync(admin, incident.Id);
        Assert.NotNull(worked.Incident.AcknowledgedAt);
        Assert.Contains(worked.Timeline, e => e.Kind == "alert-acknowledged" && e.AlertId == alert && e.Actor == people[0]);
        Assert.Contains(worked.Timeline, e => e.Kind == "alert-resolved" && e.AlertId == alert);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"api/v1/incidents/{incident.Id}/resolve", null)).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task ThePolicyIsReadByEveryoneChangedByAdminsAndBadRulesNameTheirFields(string provider)
    {
        var app = await AppAsync(provider);
        using var admin = app.Admin();
        var member = await app.CreateUserAsync(Features.Accounts.OrgRole.Member);
        var current = await (await app.Client(member.Token).GetAsync("api/v1/incident-policy")).ReadAsync<IncidentPolicyResponse>(HttpStatusCode.OK);
        var spec = current.Spec with { Severities = [.. current.Spec.Severities!.Select(s => s.Level == 1 ? s with { Name = "Everything is on fire" } : s)] };

        var refused = await app.Client(member.Token).PutAsJsonAsync("api/v1/incident-policy", spec);
        var bad = await admin.PutAsJsonAsync("api/v1/incident-policy", spec with
        {
            Roles = [new IncidentRoleDefinition { Key = "scribe", Name = "Scribe", Duties = "Writes." }],
            Rules = [new AutoDeclareRule { Name = "r", Match = new AutoDeclareMatch { Urgency = "urgent", Services = ["no-such-service"] }, Declare = new AutoDeclareAction { Severity = 9 } }],
        });
        var stored = await (await admin.PutAsJsonAsync("api/v1/incident-policy", spec)).ReadAsync<IncidentPolicyResponse>(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var errors = await bad.ProblemAsync(HttpStatusCode.BadRequest);
        errors.AssertField("roles", "must include the role 'commander'");
        errors.AssertField("rules[0].name", "");
        errors.AssertField("rules[0].match.urgency", "'urgent'");
        errors.AssertField("rules[0].declare.severity", "1 (SEV1");
        Assert.True(stored.Stored);
        Assert.Equal("Everything is on fire", stored.Spec.Severities![0].Name);
        var (_, service) = await IncidentKit.TeamAndServiceAsync(app);
        var declared = await IncidentKit.DeclareAsync(admin, new DeclareIncidentRequest { Title = "Fire", Severity = 1, Services = [service] });
        Assert.Equal("Everything is on fire", declared.Incident.SeverityName);
    }
}
