using System.Net;
using System.Net.Http.Json;
using System.Text;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class NativeIntakeTests(Servers servers)
{
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string? key, object body) =>
        PostRawAsync(client, key, System.Text.Json.JsonSerializer.Serialize(body, HttpAssertions.Json));

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string? key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/alerts") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("X-Unyo-Integration-Key", key);
        }
        return client.SendAsync(request);
    }

    [Theory, DatabaseData]
    public async Task AnEventTriggersAnAlertWithEveryFieldAndAnotherResolvesIt(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.Native);
        using var anonymous = app.Client();

        var accepted = await (await PostAsync(anonymous, key, new
        {
            action = "trigger", dedupKey = "disk-full", summary = "Disk /var is 97% full", source = "node-exporter/db-1", severity = "error", urgency = "high",
            labels = new Dictionary<string, string> { ["host"] = "db-1" }, links = new[] { new { href = "https://grafana.example.com/d/disk", text = "Disk" } },
            runbookUrl = "https://wiki.example.com/runbooks/disk", details = new { used = "97%" }, groupKey = "db", occurredAt = "2026-11-24T10:00:00Z",
        })).ReadAsync<AlertIntakeAccepted>(HttpStatusCode.Accepted);

        Assert.Equal(("success", "disk-full"), (accepted.Status, Assert.Single(accepted.DedupKeys)));
        var alert = Assert.Single(await AlertKit.AlertsAsync(app, service));
        Assert.Equal(("Disk /var is 97% full", "node-exporter/db-1", AlertSeverity.Error, AlertUrgency.High), (alert.Summary, alert.Source, alert.Severity, alert.Urgency));
        Assert.Equal(("db-1", "db", "https://wiki.example.com/runbooks/disk"), (alert.Labels["host"], alert.GroupKey, alert.RunbookUrl));
        Assert.Equal(new AlertLink("https://grafana.example.com/d/disk", "Disk"), Assert.Single(alert.Links));
        Assert.Contains("97%", alert.Details);

        (await PostAsync(anonymous, key, new { action = "resolve", dedupKey = "disk-full" })).EnsureSuccessStatusCode();
        Assert.Equal(AlertStatus.Resolved, Assert.Single(await AlertKit.AlertsAsync(app, service)).Status);
    }

    [Theory, DatabaseData]
    public async Task AnArrayIsOneSubmissionAndEventsWithoutKeysGetOne(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.Native);
        using var anonymous = app.Client();

        var accepted = await (await PostAsync(anonymous, key, new object[]
        {
            new { action = "trigger", dedupKey = "a", summary = "first", severity = "critical" },
            new { action = "trigger", summary = "second", severity = "info" },
            new { action = "acknowledge", dedupKey = "a" },
        })).ReadAsync<AlertIntakeAccepted>(HttpStatusCode.Accepted);

        Assert.Equal(3, accepted.DedupKeys.Count);
        Assert.Equal(["a", "a"], [accepted.DedupKeys[0], accepted.DedupKeys[2]]);
        Assert.Equal(32, accepted.DedupKeys[1].Length);
        var alerts = await AlertKit.AlertsAsync(app, service);
        Assert.Equal([("a", AlertStatus.Acknowledged, AlertUrgency.High), (accepted.DedupKeys[1], AlertStatus.Triggered, AlertUrgency.Low)],
            alerts.Select(a => (a.DedupKey, a.Status, a.Urgency)));
        Assert.Equal($"api/{IntegrationName(app, service)}", alerts[1].Source);
    }

    [Theory, DatabaseData]
    public async Task BadEventsAreRefusedNamingEachFieldAndNothingIsStored(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.Native);
        using var anonymous = app.Client();

        var batch = await (await PostAsync(anonymous, key, new object[]
        {
            new { action = "trigger", summary = "fine", severity = "critical" },
            new { action = "resolve" },
            new { action = "trigger", summary = new string('x', 1025), severity = "fatal", urgency = "soon", links = new[] { new { href = "ftp://x" } }, details = "text", labels = new { n = 1 } },
            new { action = "explode" },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        batch.AssertField("[1].dedupKey", "is required to resolve");
        batch.AssertField("[2].summary", "at most 1024 characters (got 1025)");
        batch.AssertField("[2].severity", "'fatal' is not a severity");
        batch.AssertField("[2].urgency", "'soon' is not an urgency");
        batch.AssertField("[2].links[0].href", "http or https URL");
        batch.AssertField("[2].details", "must be a JSON object");
        batch.AssertField("[2].labels.n", "must be text");
        batch.AssertField("[3].action", "'explode' is not an action");
        Assert.DoesNotContain(batch.Keys, k => k.StartsWith("[0]", StringComparison.Ordinal));

        var single = await (await PostAsync(anonymous, key, new { action = "trigger", occurredAt = "yesterday" })).ProblemAsync(HttpStatusCode.BadRequest);
        single.AssertField("summary", "is required to trigger");
        single.AssertField("severity", "is required to trigger");
        single.AssertField("occurredAt", "ISO 8601");
        var tooMany = await (await PostAsync(anonymous, key, Enumerable.Range(0, 101).Select(_ => new { action = "trigger", summary = "s", severity = "info" }).ToArray()))
            .ProblemAsync(HttpStatusCode.BadRequest);
        tooMany.AssertField("body", "between 1 and 100 events (got 101)");
        (await (await PostRawAsync(anonymous, key, "{\"action\": ")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("body", "is not valid JSON");
        (await (await PostRawAsync(anonymous, key, "\"trigger\"")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("body", "an alert event object or an array");

        var huge = await PostRawAsync(anonymous, key, $"{{\"action\":\"trigger\",\"summary\":\"s\",\"severity\":\"info\",\"details\":{{\"pad\":\"{new string('x', 600 * 1024)}\"}}}}");
        await huge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await AlertKit.AlertsAsync(app, service));
    }

    [Theory, DatabaseData]
    public async Task UnknownMissingAndOtherKindsOfKeysAllGetTheSame404(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var pagerDutyKey = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();
        var body = new { action = "trigger", summary = "s", severity = "info" };

        var unknown = await (await PostAsync(anonymous, IntegrationKeys.New(), body)).ReadAsync<Dictionary<string, object>>(HttpStatusCode.NotFound);
        var otherKind = await (await PostAsync(anonymous, pagerDutyKey, body)).ReadAsync<Dictionary<string, object>>(HttpStatusCode.NotFound);
        var missing = await (await PostAsync(anonymous, null, body)).ReadAsync<Dictionary<string, object>>(HttpStatusCode.NotFound);
        // An API token is no credential here: an admin without a key is as unknown as anyone.
        var admins = await (await admin.PostAsJsonAsync("api/v1/alerts", body)).ReadAsync<Dictionary<string, object>>(HttpStatusCode.NotFound);

        Assert.Equal("Unknown integration key.", unknown["title"].ToString());
        HttpAssertions.SameJson(unknown.Where(p => p.Key != "traceId"), otherKind.Where(p => p.Key != "traceId"));
        HttpAssertions.SameJson(unknown.Where(p => p.Key != "traceId"), missing.Where(p => p.Key != "traceId"));
        HttpAssertions.SameJson(unknown.Where(p => p.Key != "traceId"), admins.Where(p => p.Key != "traceId"));
        Assert.Empty(await AlertKit.AlertsAsync(app, service));
    }

    private static string IntegrationName(UnyoApp app, string service) =>
        app.WithDb(db => db.Integrations.Where(i => i.Service!.Name == service).Select(i => i.Name).Single());
}
