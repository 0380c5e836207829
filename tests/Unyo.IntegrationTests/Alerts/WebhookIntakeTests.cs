using System.Net;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

/// The mappings documented in docs/integrations.md, each with a payload its tool sends.
public sealed class WebhookIntakeTests(Servers servers)
{
    private const string GrafanaPayload = """
        {
          "receiver": "unyo", "status": "firing", "orgId": 1, "version": "1", "state": "alerting",
          "groupKey": "{}:{alertname=\"CheckoutLatency\"}", "externalURL": "https://grafana.example.com/", "truncatedAlerts": 0,
          "title": "[FIRING:2] CheckoutLatency",
          "alerts": [
            {
              "status": "%latency%",
              "labels": {"alertname": "CheckoutLatency", "severity": "critical", "grafana_folder": "checkout"},
              "annotations": {"summary": "Checkout p99 above 2 s", "runbook_url": "https://wiki.example.com/runbooks/latency"},
              "startsAt": "2026-06-03T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
              "generatorURL": "https://grafana.example.com/alerting/grafana/abc/view",
              "fingerprint": "57c6d9296de2ad39",
              "dashboardURL": "https://grafana.example.com/d/checkout", "panelURL": "", "values": {"B": 2.4}
            },
            {
              "status": "resolved",
              "labels": {"alertname": "CheckoutErrors"},
              "annotations": {},
              "startsAt": "2026-06-03T09:00:00Z", "endsAt": "2026-06-03T09:30:00Z",
              "generatorURL": "https://grafana.example.com/alerting/grafana/def/view",
              "fingerprint": "a1b2c3d4e5f60718"
            }
          ]
        }
        """;

    private const string DatadogPayload = """
        {"title": "[Triggered] Checkout latency high", "transition": "Triggered", "cycle": "7271983413478936107", "priority": "P2",
         "date": "1780480800000", "link": "https://app.datadoghq.com/event/event?id=7271983413478936107", "host": "web-1", "body": "p99 is 2.4 s"}
        """;

    [Theory, DatabaseData]
    public async Task GrafanaAlertsAreReadThroughTheDocumentedMapping(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var integration = await IntegrationKit.CreateAsync(admin, service, "webhook", mapping: IntegrationKit.DocumentedMapping("grafana"));
        using var anonymous = app.Client();

        var answer = await (await IntegrationKit.PostAsync(anonymous, "webhook", integration.Key, GrafanaPayload.Replace("%latency%", "firing"))).ReadAsync<IntegrationIntakeResponse>(HttpStatusCode.OK);

        Assert.Equal(["57c6d9296de2ad39", "a1b2c3d4e5f60718"], answer.DedupKeys);
        // The resolved one was never open: accepted, and nothing changes.
        var alert = Assert.Single(await AlertKit.AlertsAsync(app, service));
        Assert.Equal(("57c6d9296de2ad39", "Checkout p99 above 2 s", AlertSeverity.Critical, AlertUrgency.High, "grafana"), (alert.DedupKey, alert.Summary, alert.Severity, alert.Urgency, alert.Source));
        Assert.Equal("https://wiki.example.com/runbooks/latency", alert.RunbookUrl);
        Assert.Equal("checkout", alert.Labels["grafana_folder"]);
        Assert.Equal("https://grafana.example.com/d/checkout", Assert.Single(alert.Links).Href);
        Assert.Contains("runbook_url", alert.Details);

        (await IntegrationKit.PostAsync(anonymous, "webhook", integration.Key, GrafanaPayload.Replace("%latency%", "resolved"))).EnsureSuccessStatusCode();
        Assert.Equal(AlertStatus.Resolved, Assert.Single(await AlertKit.AlertsAsync(app, service)).Status);
    }

    [Theory, DatabaseData]
    public async Task DatadogAndPlainToolsAreReadThroughTheDocumentedMappings(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (team, service) = await SloTestKit.CreateServiceAsync(admin);
        var (_, plainService) = await SloTestKit.CreateServiceAsync(admin, team);
        var datadog = await IntegrationKit.CreateAsync(admin, service, "webhook", mapping: IntegrationKit.DocumentedMapping("datadog"));
        var plain = await IntegrationKit.CreateAsync(admin, plainService, "webhook", mapping: IntegrationKit.DocumentedMapping("plain"));
        using var anonymous = app.Client();

        (await IntegrationKit.PostAsync(anonymous, "webhook", datadog.Key, DatadogPayload)).EnsureSuccessStatusCode();
        (await IntegrationKit.PostAsync(anonymous, "webhook", plain.Key, """{"title": "Disk full on db-1", "state": "alarm"}""")).EnsureSuccessStatusCode();

        var fromDatadog = Assert.Single(await AlertKit.AlertsAsync(app, service));
        Assert.Equal(("7271983413478936107", "[Triggered] Checkout latency high", AlertSeverity.Error, "datadog"), (fromDatadog.DedupKey, fromDatadog.Summary, fromDatadog.Severity, fromDatadog.Source));
        Assert.Equal("https://app.datadoghq.com/event/event?id=7271983413478936107", Assert.Single(fromDatadog.Links).Href);
        // Without a details path the whole payload is kept for people to read.
        Assert.Contains("p99 is 2.4 s", fromDatadog.Details);
        var fromPlain = Assert.Single(await AlertKit.AlertsAsync(app, plainService));
        Assert.Equal(("Disk full on db-1", AlertSeverity.Warning, AlertUrgency.Low, $"webhook/{plain.Name}"), (fromPlain.Summary, fromPlain.Severity, fromPlain.Urgency, fromPlain.Source));

        (await IntegrationKit.PostAsync(anonymous, "webhook", datadog.Key, DatadogPayload.Replace("\"Triggered\"", "\"Recovered\""))).EnsureSuccessStatusCode();
        (await IntegrationKit.PostAsync(anonymous, "webhook", plain.Key, """{"title": "Disk full on db-1", "state": "ok"}""")).EnsureSuccessStatusCode();
        Assert.Equal(AlertStatus.Resolved, Assert.Single(await AlertKit.AlertsAsync(app, service)).Status);
        Assert.Equal(AlertStatus.Resolved, Assert.Single(await AlertKit.AlertsAsync(app, plainService)).Status);
    }

    [Theory, DatabaseData]
    public async Task AnAlertWhoseRequiredPathFindsNothingRefusesThePayloadNamingTheAlertAndTheField(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var integration = await IntegrationKit.CreateAsync(admin, service, "webhook", mapping: new
        {
            alerts = "$.items[*]",
            summary = "$['the title']",
            dedupKey = "$.id",
            action = new { path = "$.state", map = new Dictionary<string, string> { ["bad"] = "trigger", ["good"] = "resolve" } },
        });
        using var anonymous = app.Client();

        var problem = await (await IntegrationKit.PostAsync(anonymous, "webhook", integration.Key, """
            {"items": [{"the title": "One", "id": "1", "state": "bad"}, {"title": "Two", "id": "2"}, {"the title": "Three", "state": "good"}, {"the title": "Four", "id": "4", "state": "weird"}]}
            """)).ProblemAsync(HttpStatusCode.BadRequest);
        var notAList = await (await IntegrationKit.PostAsync(anonymous, "webhook", integration.Key, """{"items": {"the title": "One"}}""")).ProblemAsync(HttpStatusCode.BadRequest);

        problem.AssertField("alerts[1].summary", "mapping.summary ($['the title']) found no text in this alert");
        problem.AssertField("alerts[2].dedupKey", "mapping.dedupKey ($.id) found nothing, and resolve needs the key of the alert");
        problem.AssertField("alerts[3].action", "found 'weird', which its map does not name");
        Assert.Equal(3, problem.Count);
        notAList.AssertField("alerts", "found an object, not a list");
        Assert.Empty(await AlertKit.AlertsAsync(app, service));
    }
}
