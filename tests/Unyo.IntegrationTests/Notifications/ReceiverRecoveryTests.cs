using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Outbox;
using Unyo.IntegrationTests.Alerts;
using Unyo.IntegrationTests.Infrastructure;
using static Unyo.IntegrationTests.ConfigAsCode.YamlKit;

namespace Unyo.IntegrationTests.Notifications;

/// The issue's reliability test: "a webhook receiver that is down for several minutes receives
/// every notification after it recovers; an SMTP listener run by the test suite receives the
/// email." Real senders and the server's own dispatcher; only the clock is the test's, so the
/// minutes of retries take seconds.
public sealed class ReceiverRecoveryTests(Servers servers)
{
    private const int Alerts = 20;
    private const string Secret = "a-signing-secret-of-some-length";
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task AWebhookReceiverDownForMinutesGetsEveryNotificationOnceBackAndTheMailServerGetsEveryEmail(string provider)
    {
        await using var smtp = new SmtpListener(offerStartTls: false);
        var clock = new FakeTimeProvider(Start);
        var app = await servers.GetIsolatedAsync(provider, $"recovery-{Guid.NewGuid():N}", new Dictionary<string, string>
        {
            ["Unyo:Smtp:Host"] = "127.0.0.1",
            ["Unyo:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Unyo:Smtp:Security"] = "none",
            ["Unyo:Smtp:From"] = "Unyo <unyo@example.test>",
        }, services: s => s.AddSingleton<TimeProvider>(clock));
        using var admin = app.Admin();
        (await admin.PutAsJsonAsync("api/v1/check-settings", new CheckSettingsRequest { AllowedTargets = ["127.0.0.1"] }, HttpAssertions.Json)).EnsureSuccessStatusCode();
        var port = HttpReceiver.FreePort();
        var team = Names.Unique("pay");
        var service = Names.Unique("checkout");
        await ApplyAsync(admin, new ApplyRequest { Files = [new ApplyFile("alerting.yaml", Yaml(team, service, port))] });
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();
        var keys = Enumerable.Range(0, Alerts).Select(i => $"outage-{i:D2}").ToList();
        var accepted = await Task.WhenAll(keys.Select(k => AlertKit.EnqueueAsync(anonymous, AlertKit.Trigger(key, k, $"Outage {k}"))));
        Assert.All(accepted, r => Assert.Equal(System.Net.HttpStatusCode.Accepted, r.StatusCode));

        // Down for six minutes: every step the dispatcher tries what fell due, and fails.
        await DispatchAllDueAsync(app);
        for (var minute = 0; minute < 6; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await DispatchAllDueAsync(app);
        }
        var hook = await OutboxAsync(app, $"{team}-hook");
        Assert.Equal(Alerts, hook.Count);
        Assert.All(hook, n => Assert.Equal((NotificationStatus.Pending, false), (n.Status, n.DeliveredAt.HasValue)));
        Assert.All(hook, n => Assert.InRange(n.Attempts, 5, 12));
        var failed = await NotifyKit.AttemptsAsync(app, hook[0].Id);
        Assert.Equal(hook[0].Attempts, failed.Count);
        Assert.All(failed, a => Assert.Equal((DeliveryResult.RetryLater, (int?)null), (a.Result, a.StatusCode)));
        Assert.All(await OutboxAsync(app, $"{team}-mail"), n => Assert.Equal((NotificationStatus.Delivered, 1), (n.Status, n.Attempts)));

        // Back, at the same address: retries reach it within the five-minute cap of the backoff.
        await using var receiver = await HttpReceiver.StartAsync(port);
        for (var minute = 0; minute < 8 && (await OutboxAsync(app, $"{team}-hook")).Any(n => n.Status != NotificationStatus.Delivered); minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await DispatchAllDueAsync(app);
        }
        hook = await OutboxAsync(app, $"{team}-hook");
        Assert.All(hook, n => Assert.Equal(NotificationStatus.Delivered, n.Status));

        // Exactly once by delivery id: a repeat may only be the same delivery again.
        var requests = receiver.Requests.ToList();
        Assert.All(requests, r => Assert.Equal("/hook", r.Path));
        Assert.Equal(hook.Select(n => n.Id.ToString()).Order(), requests.Select(r => r.Headers["X-Unyo-Delivery"]).Distinct().Order());
        foreach (var request in requests)
        {
            var timestamp = long.Parse(request.Headers["X-Unyo-Timestamp"], CultureInfo.InvariantCulture);
            var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{request.Body}")));
            Assert.Equal(expected, request.Headers["X-Unyo-Signature"]);
            Assert.Equal(request.Headers["X-Unyo-Delivery"], (string?)JsonNode.Parse(request.Body)!["deliveryId"]);
        }
        Assert.Equal(keys.Order(), requests.Select(r => (string)JsonNode.Parse(r.Body)!["dedupKey"]!).Distinct().Order());

        var mails = smtp.Mails.ToList();
        var mailed = await OutboxAsync(app, $"{team}-mail");
        Assert.Equal(mailed.Select(n => n.Id.ToString()).Order(), mails.Select(m => Header(m.Data, "X-Unyo-Delivery")).Distinct().Order());
        Assert.All(mails, m => Assert.Equal([$"oncall@{team}.example.test"], m.To));
        Assert.All(keys, k => Assert.Single(mails, m => m.Data.Contains($"Outage {k}", StringComparison.Ordinal)));
    }

    // Runs the dispatcher until nothing due is left; the server's own loop may take some rows
    // meanwhile, as another node would. Its sends are let finish before the clock moves on: a
    // claim the clock jumps past counts as run out and is sent again (a duplicate that receivers
    // drop by delivery id, allowed below, but not what this test is about).
    private static async Task DispatchAllDueAsync(UnyoApp app)
    {
        while (await NotifyKit.DispatchAsync(app) > 0)
        {
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        for (var waited = 0; waited < 200 && await db.Notifications.AnyAsync(n => n.ClaimedBy != null); waited++)
        {
            await Task.Delay(25);
        }
    }

    private static async Task<List<Notification>> OutboxAsync(UnyoApp app, string channel)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        return await db.Notifications.AsNoTracking().Where(n => n.Channel!.Name == channel).ToListAsync();
    }

    private static string Header(string data, string name) =>
        data.Split('\n').Select(l => l.TrimEnd('\r')).First(l => l.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase))[(name.Length + 2)..];

    private static string Yaml(string team, string service, int port) => string.Join("\n---\n",
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
            url: http://127.0.0.1:{port}/hook
            signingSecret: {Secret}
        """,
        $"""
        apiVersion: unyo.dev/v1
        kind: AlertRoute
        metadata:
          name: {service}-all
          team: {team}
        spec:
          order: 10
          match:
            services: [{service}]
          targets:
            channels: [{team}-mail, {team}-hook]
        """);
}
