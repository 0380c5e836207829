using System.Net;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class AlertmanagerIntakeTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task FiringAlertsOpenByFingerprintAndResolvedOnesResolve(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var integration = await IntegrationKit.CreateAsync(admin, service, "alertmanager");
        using var anonymous = app.Client();
        var latency = IntegrationKit.AlertmanagerAlert("firing", "57c6d9296de2ad39",
            new() { ["alertname"] = "CheckoutLatency", ["severity"] = "page", ["instance"] = "web-1" },
            new() { ["summary"] = "Checkout p99 above 2 s", ["description"] = "p99 is 2.4 s", ["runbook_url"] = "https://wiki.example.com/runbooks/latency" });
        var disk = IntegrationKit.AlertmanagerAlert("firing", null, new() { ["alertname"] = "DiskFull", ["severity"] = "ticket" }, new() { ["description"] = "Disk 95% full on db-1" });

        var answer = await (await IntegrationKit.PostAsync(anonymous, "alertmanager", integration.Key, IntegrationKit.AlertmanagerPayload("firing", latency, disk)))
            .ReadAsync<IntegrationIntakeResponse>(HttpStatusCode.OK);

        Assert.Equal(("success", 2), (answer.Status, answer.Alerts));
        Assert.Equal("57c6d9296de2ad39", answer.DedupKeys[0]);
        Assert.StartsWith("labels:", answer.DedupKeys[1]);
        var alerts = await AlertKit.AlertsAsync(app, service);
        Assert.Equal(2, alerts.Count);
        var first = alerts.Single(a => a.DedupKey == "57c6d9296de2ad39");
        Assert.Equal(("Checkout p99 above 2 s", AlertSeverity.Critical, AlertUrgency.High, "alertmanager/unyo"), (first.Summary, first.Severity, first.Urgency, first.Source));
        Assert.Equal(("https://wiki.example.com/runbooks/latency", false), (first.RunbookUrl, first.RunbookMissing));
        Assert.Equal("web-1", first.Labels["instance"]);
        Assert.Equal(["Source", "Alertmanager"], first.Links.Select(l => l.Text));
        Assert.Equal("http://prometheus.example.com:9090/graph?g0.expr=up", first.Links[0].Href);
        Assert.Contains("p99 is 2.4 s", first.Details);
        Assert.Equal("{}:{alertname=\"CheckoutLatency\"}", first.GroupKey);
        var second = alerts.Single(a => a.DedupKey == answer.DedupKeys[1]);
        Assert.Equal(("Disk 95% full on db-1", AlertSeverity.Warning, AlertUrgency.Low, true), (second.Summary, second.Severity, second.Urgency, second.RunbookMissing));

        // The same labels without a fingerprint find the same alert; resolved alerts resolve it.
        var resolved = IntegrationKit.AlertmanagerAlert("resolved", "57c6d9296de2ad39", new() { ["alertname"] = "CheckoutLatency", ["severity"] = "page", ["instance"] = "web-1" });
        var again = IntegrationKit.AlertmanagerAlert("firing", null, new() { ["severity"] = "ticket", ["alertname"] = "DiskFull" });
        (await IntegrationKit.PostAsync(anonymous, "alertmanager", integration.Key, IntegrationKit.AlertmanagerPayload("resolved", resolved, again))).EnsureSuccessStatusCode();
        alerts = await AlertKit.AlertsAsync(app, service);
        Assert.Equal(2, alerts.Count);
        Assert.Equal(AlertStatus.Resolved, alerts.Single(a => a.DedupKey == "57c6d9296de2ad39").Status);
        Assert.Equal((AlertStatus.Triggered, 2), (alerts.Single(a => a.DedupKey == answer.DedupKeys[1]).Status, alerts.Single(a => a.DedupKey == answer.DedupKeys[1]).OccurrenceCount));
    }

    [Theory, DatabaseData]
    public async Task TheIntegrationsUrgencyRuleDecidesAndLongSummariesAreShortened(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var integration = await IntegrationKit.CreateAsync(admin, service, "alertmanager", urgency: new { rule = "high" });
        using var anonymous = app.Client();
        var chatty = IntegrationKit.AlertmanagerAlert("firing", "f1", new() { ["alertname"] = "Chatty", ["severity"] = "info" }, new() { ["summary"] = new string('s', 3000) });

        (await IntegrationKit.PostAsync(anonymous, "alertmanager", integration.Key, IntegrationKit.AlertmanagerPayload("firing", chatty))).EnsureSuccessStatusCode();

        var alert = Assert.Single(await AlertKit.AlertsAsync(app, service));
        Assert.Equal((AlertSeverity.Info, AlertUrgency.High), (alert.Severity, alert.Urgency));
        Assert.Equal(AlertEvent.MaxSummaryLength, alert.Summary.Length);
        Assert.EndsWith("s…", alert.Summary);
    }

    [Theory, DatabaseData]
    public async Task BadPayloadsNameTheirFieldsAndStoreNothing(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var integration = await IntegrationKit.CreateAsync(admin, service, "alertmanager");
        var pagerDuty = await IntegrationKit.CreateAsync(admin, service, "pagerduty");
        using var anonymous = app.Client();
        var good = IntegrationKit.AlertmanagerAlert("firing", "good", new() { ["alertname"] = "Fine" });

        async Task<Dictionary<string, string[]>> Refused(string json, HttpStatusCode status = HttpStatusCode.BadRequest) =>
            await (await IntegrationKit.PostAsync(anonymous, "alertmanager", integration.Key, json)).ProblemAsync(status);

        (await Refused(IntegrationKit.AlertmanagerPayload("firing", good).Replace("\"version\":\"4\"", "\"version\":\"3\""))).AssertField("version", "'3' is not supported");
        var mixed = await Refused(IntegrationKit.AlertmanagerPayload("firing", good,
            new { status = "pending", labels = new { alertname = "X" } },
            new { status = "firing", labels = new { alertname = "Y", replicas = 3 }, startsAt = "yesterday" }));
        mixed.AssertField("alerts[1].status", "'pending' must be firing or resolved");
        mixed.AssertField("alerts[2].labels.replicas", "must be a string");
        mixed.AssertField("alerts[2].startsAt", "must be an RFC 3339 date and time");
        Assert.False(mixed.ContainsKey("alerts[0].status"));
        (await Refused("""{"version":"4","receiver":"unyo","status":"firing"}""")).AssertField("alerts", "is required");
        (await Refused("""{"version":"4","receiver":"unyo","alerts":[{"status":"firing"}]}""")).AssertField("alerts[0].labels", "is required");
        (await Refused("{\"version\": ")).AssertField("body", "is not valid JSON");
        var huge = await IntegrationKit.PostAsync(anonymous, "alertmanager", integration.Key, IntegrationKit.AlertmanagerPayload("firing",
            IntegrationKit.AlertmanagerAlert("firing", "big", new() { ["alertname"] = "Big" }, new() { ["description"] = new string('x', 600 * 1024) })));
        await huge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        // Unknown keys, keys of another kind and keys of the wrong shape get the same answer.
        var answers = new List<string>();
        foreach (var key in new[] { Unyo.Features.Alerts.IntegrationKeys.New(), pagerDuty.Key, "not-a-key" })
        {
            var response = await IntegrationKit.PostAsync(anonymous, "alertmanager", key, IntegrationKit.AlertmanagerPayload("firing", good));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(key, body);
            using var problem = System.Text.Json.JsonDocument.Parse(body);
            answers.Add($"{problem.RootElement.GetProperty("title")} {problem.RootElement.GetProperty("detail")}");
        }
        Assert.Single(answers.Distinct());

        Assert.Empty(await AlertKit.AlertsAsync(app, service));
    }
}
