using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;

namespace Unyo.IntegrationTests.Notifications;

/// The issue's "done when": one service's high-urgency alerts go to email and a webhook and its
/// low-urgency ones to a chat webhook, all configured in YAML; the page is acknowledged from the
/// link in the message. Real sends, to a mail server and receivers on 127.0.0.1.
public sealed class RoutingJourneyTests(Servers servers)
{
    private static readonly Lazy<SmtpListener> Smtp = new(() => new SmtpListener(offerStartTls: false));

    private Task<UnyoApp> ServerAsync(string provider) =>
        servers.GetIsolatedAsync(provider, "routing-journey", new Dictionary<string, string>
        {
            ["Unyo:Smtp:Host"] = "127.0.0.1",
            ["Unyo:Smtp:Port"] = Smtp.Value.Port.ToString(CultureInfo.InvariantCulture),
            ["Unyo:Smtp:Security"] = "none",
            ["Unyo:Smtp:From"] = "Unyo <unyo@example.test>",
        });

    private static string Yaml(string team, string service, Uri receiver) => string.Join("\n---\n",
        TeamYaml(team),
        ServiceYaml(service, team),
        $"""
        apiVersion: unyo.dev/v1
        kind: NotificationChannel
        metadata:
          name: {team}-mail
          team: {team}
        spec:
          type: email
          settings:
            to: [oncall@{team}.example.test]
        """,
        $"""
        apiVersion: unyo.dev/v1
        kind: NotificationChannel
        metadata:
          name: {team}-hook
          team: {team}
        spec:
          type: webhook
          secrets:
            url: {receiver}hook
            signingSecret: a-signing-secret-of-some-length
        """,
        $"""
        apiVersion: unyo.dev/v1
        kind: NotificationChannel
        metadata:
          name: {team}-chat
          team: {team}
        spec:
          type: slack
          secrets:
            url: {receiver}chat
        """,
        $"""
        apiVersion: unyo.dev/v1
        kind: AlertRoute
        metadata:
          name: {service}-high
          team: {team}
        spec:
          order: 10
          match:
            services: [{service}]
            urgencies: [high]
          targets:
            channels: [{team}-mail, {team}-hook]
        """,
        $"""
        apiVersion: unyo.dev/v1
        kind: AlertRoute
        metadata:
          name: {service}-low
          team: {team}
        spec:
          order: 20
          match:
            services: [{service}]
            urgencies: [low]
          targets:
            channels: [{team}-chat]
        """);

    [Theory, DatabaseData]
    public async Task HighUrgencyGoesToEmailAndWebhookLowToChatAndTheLinkInTheMessageAcknowledges(string provider)
    {
        var app = await ServerAsync(provider);
        using var admin = app.Admin();
        await using var receiver = await HttpReceiver.StartAsync();
        (await admin.PutAsJsonAsync("api/v1/check-settings", new CheckSettingsRequest { AllowedTargets = ["127.0.0.1"] }, HttpAssertions.Json)).EnsureSuccessStatusCode();
        var team = Names.Unique("pay");
        var service = Names.Unique("checkout");
        await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("alerting.yaml", Yaml(team, service, receiver.Url))] });
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();

        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "checkout-down", "Checkout is down", severity: "critical"))).EnsureSuccessStatusCode();
        (await AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, "disk-70", "Disk 70% full", severity: "warning"))).EnsureSuccessStatusCode();

        var received = await Eventually(() => receiver.Requests.Count >= 2 && Smtp.Value.Mails.Any(m => m.Data.Contains(service, StringComparison.Ordinal)));
        if (!received)
        {
            var alerts = await AlertKit.AlertsAsync(app, service);
            var said = new List<string>();
            foreach (var alert in alerts)
            {
                said.AddRange((await AlertKit.TimelineAsync(app, alert.Id)).Select(e => $"{alert.DedupKey} {e.Kind} {e.Text}"));
                said.AddRange((await NotifyKit.NotificationsAsync(app, alert.Id)).Select(n => $"{alert.DedupKey} {n.Status} {n.Attempts} {n.LastError}"));
            }
            Assert.Fail($"the receivers got {receiver.Requests.Count} requests and {Smtp.Value.Mails.Count} mails; {alerts.Count} alerts: {string.Join("; ", said)}");
        }
        var hook = Assert.Single(receiver.Requests, r => r.Path == "/hook");
        var chat = Assert.Single(receiver.Requests, r => r.Path == "/chat");
        var page = JsonNode.Parse(hook.Body)!;
        Assert.Equal(("checkout-down", "high"), ((string?)page["dedupKey"], (string?)page["urgency"]));
        Assert.Contains("Disk 70% full", chat.Body);
        Assert.DoesNotContain("Checkout is down", chat.Body);
        var mail = Assert.Single(Smtp.Value.Mails, m => m.Data.Contains(service, StringComparison.Ordinal));
        Assert.Equal([$"oncall@{team}.example.test"], mail.To);
        Assert.Contains("Checkout is down", mail.Data);
        Assert.DoesNotContain("Disk 70% full", mail.Data);

        // The acknowledge link from the message: a GET only asks, the button's POST acts.
        var link = new Uri((string)page["acknowledgeUrl"]!).PathAndQuery.TrimStart('/');
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link)).StatusCode);
        Assert.Equal(AlertStatus.Triggered, (await AlertKit.AlertsAsync(app, service)).Single(a => a.DedupKey == "checkout-down").Status);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync(link, null)).StatusCode);
        var acknowledged = (await AlertKit.AlertsAsync(app, service)).Single(a => a.DedupKey == "checkout-down");
        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);

        // The acknowledgement goes where the page went, not to chat.
        Assert.True(await Eventually(() => receiver.Requests.Count(r => r.Path == "/hook") == 2), "the webhook did not hear of the acknowledgement");
        Assert.Equal("acknowledged", (string?)JsonNode.Parse(receiver.Requests.Last(r => r.Path == "/hook").Body)!["event"]);
        Assert.Single(receiver.Requests, r => r.Path == "/chat");
    }

    private static async Task<bool> Eventually(Func<bool> done)
    {
        for (var waited = 0; waited < 150; waited++)
        {
            if (done())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return done();
    }
}
