using System.Net;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;

namespace Unyo.IntegrationTests.Alerts;

public sealed class IntegrationConfigAsCodeTests(Servers servers)
{
    private static string AlertmanagerYaml(string name, string team, string service, string type = "alertmanager", string end = "18:00") => $"""
        apiVersion: unyo.dev/v1
        kind: Integration
        metadata:
          name: {name}
          team: {team}
        spec:
          service: {service}
          type: {type}
          urgency:
            rule: supportHours
            timeZone: Europe/Berlin
            days: [mon, tue, wed, thu, fri]
            start: "08:00"
            end: "{end}"
        """;

    private static string WebhookYaml(string name, string team, string service, string summary = "$.title") => $$"""
        apiVersion: unyo.dev/v1
        kind: Integration
        metadata:
          name: {{name}}
          team: {{team}}
        spec:
          service: {{service}}
          type: webhook
          mapping:
            summary: "{{summary}}"
            dedupKey: $.id
            action:
              path: $.state
              map: {alarm: trigger, ok: resolve}
        """;

    private static ApplyRequest Files(bool dryRun, params string[] documents) =>
        new() { Files = [new ApplyFile("integrations.yaml", string.Join("\n---\n", documents))], DryRun = dryRun };

    [Theory, DatabaseData]
    public async Task ApplyMakesTheKeyKeepsItOnReapplyAndTheExportLeavesItOut(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "integrations-yaml");
        using var admin = app.Admin();
        var (team, service, am, hook) = (Names.Unique("team"), Names.Unique("svc"), Names.Unique("am"), Names.Unique("hook"));
        var request = Files(false, TeamYaml(team), ServiceYaml(service, team), AlertmanagerYaml(am, team, service), WebhookYaml(hook, team, service));

        var applied = await ApplyAsync(admin, request);
        var first = await (await admin.GetAsync($"api/v1/integrations/{am}")).ReadAsync<IntegrationResponse>(HttpStatusCode.OK);
        var again = await ApplyAsync(admin, request);
        var second = await (await admin.GetAsync($"api/v1/integrations/{am}")).ReadAsync<IntegrationResponse>(HttpStatusCode.OK);
        var webhook = await (await admin.GetAsync($"api/v1/integrations/{hook}")).ReadAsync<IntegrationResponse>(HttpStatusCode.OK);
        var export = await (await admin.GetAsync("api/v1/export")).Content.ReadAsStringAsync();
        var replan = await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("export.yaml", export)], DryRun = true });
        var changed = await ApplyAsync(admin, Files(true, AlertmanagerYaml(am, team, service, end: "17:00")));

        Assert.Equal([$"create Integration {am}", $"create Integration {hook}"], applied.Changes.Where(c => c.Kind == "Integration").Select(c => $"{c.Action} {c.Kind} {c.Name}").Order(StringComparer.Ordinal));
        Assert.All(again.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Matches("^[0-9a-f]{32}$", first.Key);
        Assert.Equal((first.Key, "apply", "alertmanager"), (second.Key, second.ManagedBy, second.Kind));
        Assert.Equal("mon,tue,wed,thu,fri 08:00–18:00 Europe/Berlin: high inside, low outside", second.UrgencySummary);
        Assert.Equal("""{"summary":"$.title","dedupKey":"$.id","action":{"path":"$.state","map":{"alarm":"trigger","ok":"resolve"}}}""", webhook.Mapping!.Value.GetRawText());
        Assert.Contains("kind: Integration", export);
        Assert.DoesNotContain(first.Key, export);
        Assert.DoesNotContain(webhook.Key, export);
        Assert.All(replan.Changes, c => Assert.Equal("unchanged", c.Action));
        Assert.Contains(replan.Changes, c => c.Kind == "Integration" && c.Name == hook);
        Assert.Equal([new FieldChange("spec.urgency.end", "18:00", "17:00")], changed.Changes.Single().Fields);

        using var anonymous = app.Client();
        (await IntegrationKit.PostAsync(anonymous, "webhook", webhook.Key, """{"title": "Queue backed up", "id": "q1", "state": "alarm"}""")).EnsureSuccessStatusCode();
        Assert.Equal("Queue backed up", Assert.Single(await AlertKit.AlertsAsync(app, service)).Summary);
    }

    [Theory, DatabaseData]
    public async Task BrokenIntegrationsNameTheirPlaceAndNothingIsApplied(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "integrations-yaml-errors");
        using var admin = app.Admin();
        var (team, other, service, stored) = (Names.Unique("team"), Names.Unique("team"), Names.Unique("svc"), Names.Unique("stored"));
        await ApplyAsync(admin, Files(false, TeamYaml(team), TeamYaml(other), ServiceYaml(service, team), AlertmanagerYaml(stored, team, service)));
        var (bad, wrongTeam) = (Names.Unique("bad"), Names.Unique("wrong"));

        var fields = await (await admin.PostJsonAsync("api/v1/apply", Files(false,
            AlertmanagerYaml(bad, team, service, type: "nagios", end: "25:00"),
            WebhookYaml(Names.Unique("hook"), team, service, summary: "title")))).ProblemAsync(HttpStatusCode.BadRequest);
        var references = await (await admin.PostJsonAsync("api/v1/apply", Files(false,
            AlertmanagerYaml(wrongTeam, other, service),
            AlertmanagerYaml(stored, team, service, type: "pagerduty"),
            AlertmanagerYaml(Names.Unique("orphan"), team, "no-such-service")))).ProblemAsync(HttpStatusCode.BadRequest);

        AssertAt(fields, 1, "spec.type", "'nagios' must be native, alertmanager, pagerduty or webhook");
        AssertAt(fields, 1, "spec.urgency.end", "'25:00' must be a time of day");
        AssertAt(fields, 2, "spec.mapping.summary", "must be a JSON path starting with $");
        AssertAt(references, 1, "metadata.team", $"must be '{team}', the team of service '{service}'");
        AssertAt(references, 2, "spec.type", "is alertmanager and cannot change");
        AssertAt(references, 3, "spec.service", "service 'no-such-service' does not exist");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/v1/integrations/{wrongTeam}")).StatusCode);
        Assert.Equal("alertmanager", (await (await admin.GetAsync($"api/v1/integrations/{stored}")).ReadAsync<IntegrationResponse>(HttpStatusCode.OK)).Kind);
    }

    private static void AssertAt(Dictionary<string, string[]> errors, int document, string path, string text)
    {
        var key = errors.Keys.FirstOrDefault(k => k.Contains($"(document {document},", StringComparison.Ordinal) && k.EndsWith($"): {path}", StringComparison.Ordinal));
        Assert.True(key is not null, $"no error for document {document} {path}; errors: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        errors.AssertField(key!, text);
    }
}
