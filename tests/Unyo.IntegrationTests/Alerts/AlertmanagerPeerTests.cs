using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Unyo.Features.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

/// The real Alertmanager sends one alert to both of Unyo's doors: its webhook to the Alertmanager
/// intake and its PagerDuty integration to /v2/enqueue. The alert opens through both and resolves
/// through both.
public sealed class AlertmanagerPeerTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AnAlertFromTheRealAlertmanagerOpensAndResolvesThroughTheWebhookAndThePagerDutyIntegration(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var webhook = await IntegrationKit.CreateAsync(admin, service, "alertmanager");
        var pagerDuty = await IntegrationKit.CreateAsync(admin, service, "pagerduty");
        var unyo = app.Address.ToString().TrimEnd('/');
        await using var alertmanager = await AlertmanagerPeer.StartAsync($"""
            global:
              resolve_timeout: 5m
            route:
              receiver: webhook
              group_by: [alertname]
              group_wait: 100ms
              group_interval: 1s
              repeat_interval: 1h
              routes:
                - receiver: webhook
                  continue: true
                - receiver: pagerduty
            receivers:
              - name: webhook
                webhook_configs:
                  - url: {unyo}/api/v1/integrations/alertmanager/{webhook.Key}
                    send_resolved: true
              - name: pagerduty
                pagerduty_configs:
                  - url: {unyo}/v2/enqueue
                    routing_key: {pagerDuty.Key}
                    severity: critical
                    send_resolved: true
            """);
        using var client = alertmanager.Client();
        var labels = new Dictionary<string, string> { ["alertname"] = "CheckoutDown", ["severity"] = "critical", ["service"] = service };
        var annotations = new Dictionary<string, string> { ["summary"] = "Checkout answers 503", ["runbook_url"] = "https://wiki.example.com/runbooks/checkout" };
        var started = Stopwatch.StartNew();

        (await client.PostAsJsonAsync("api/v2/alerts", new[] { new { labels, annotations, generatorURL = "http://prometheus.example.com:9090/graph" } })).EnsureSuccessStatusCode();
        var open = await WaitAsync(app, service, alerts => alerts.Count(a => a.Status == AlertStatus.Triggered) == 2, alertmanager);
        var opened = started.Elapsed;

        var fromWebhook = open.Single(a => a.IntegrationId == IdOf(app, webhook.Name));
        var fromPagerDuty = open.Single(a => a.IntegrationId == IdOf(app, pagerDuty.Name));
        Assert.Equal(("Checkout answers 503", AlertSeverity.Critical, AlertUrgency.High, "alertmanager/webhook"), (fromWebhook.Summary, fromWebhook.Severity, fromWebhook.Urgency, fromWebhook.Source));
        Assert.Equal("https://wiki.example.com/runbooks/checkout", fromWebhook.RunbookUrl);
        Assert.Equal(service, fromWebhook.Labels["service"]);
        Assert.Contains("CheckoutDown", fromPagerDuty.Summary);
        Assert.Equal((AlertSeverity.Critical, AlertUrgency.High), (fromPagerDuty.Severity, fromPagerDuty.Urgency));

        var past = TimeProvider.System.GetUtcNow().AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        (await client.PostAsJsonAsync("api/v2/alerts", new[] { new { labels, annotations, endsAt = past } })).EnsureSuccessStatusCode();
        var resolved = await WaitAsync(app, service, alerts => alerts.Count(a => a.Status == AlertStatus.Resolved) == 2, alertmanager);

        Assert.Equal(2, resolved.Count);
        Assert.Equal(new[] { fromWebhook.Id, fromPagerDuty.Id }.Order(), resolved.Select(a => a.Id).Order());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"opened after {opened}, resolved after {started.Elapsed}");
    }

    private static Guid IdOf(UnyoApp app, string integration) => app.WithDb(db => db.Integrations.Single(i => i.Name == integration).Id);

    private static async Task<List<Alert>> WaitAsync(UnyoApp app, string service, Func<List<Alert>, bool> done, AlertmanagerPeer alertmanager)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var alerts = await AlertKit.AlertsAsync(app, service);
            if (done(alerts))
            {
                return alerts;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Fail($"Alerts of {service}: {string.Join("; ", alerts.Select(a => $"{a.DedupKey} {a.Status} {a.IntegrationId}"))}\nAlertmanager:\n{alertmanager.Logs()}");
            }
            await Task.Delay(100);
        }
    }
}
