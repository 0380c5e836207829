using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Notifications;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

// The issue's reliability test: Unyo killed with SIGKILL during a burst of intake keeps every
// alert it answered 202 for, and delivers every notification still pending, after a restart.
public sealed class IntakeCrashTests
{
    private const int Senders = 8;
    private const int BurstLimit = 3000;
    private const int KillAfterAccepted = 600;

    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(90);
    // A notification claimed by the killed node waits for its claim to run out (2 × the send
    // timeout + 30 s), so the wait for delivery covers that with room to spare.
    private static readonly TimeSpan DeliveredWithin = TimeSpan.FromSeconds(90);
    private static readonly Dictionary<string, string> Settings = new() { ["UNYO_NOTIFY_TIMEOUT"] = "2s" };

    [Theory, DatabaseData]
    public async Task EveryAlertAnswered202SurvivesASigkillAndEveryPageIsDeliveredAfterRestart(string provider)
    {
        var data = Path.Combine(Path.GetTempPath(), $"unyo-crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var database = provider == Providers.Postgres ? await UnyoApp.CreatePostgresDatabaseAsync() : null;
        await using var receiver = await HttpReceiver.StartAsync();
        try
        {
            string service;
            Burst burst;
            int deliveredBeforeKill;
            await using (var unyo = await UnyoProcess.StartAsync(data, database, Ready, Settings))
            {
                using var admin = unyo.Client();
                (var team, service) = await SloTestKit.CreateServiceAsync(admin);
                (await admin.PutAsJsonAsync("api/v1/check-settings", new CheckSettingsRequest { AllowedTargets = ["127.0.0.1"] }, HttpAssertions.Json)).EnsureSuccessStatusCode();
                // No route: the default sends high urgency (critical) to the team's paging channels.
                (await admin.PostJsonAsync("api/v1/notification-channels", ChannelKit.Webhook(Names.Unique("pager"), team, new Uri(receiver.Url, "hook").ToString()) with { Use = "paging" }))
                    .EnsureSuccessStatusCode();
                var key = (await IntegrationKit.CreateAsync(admin, service, "pagerduty")).Key;
                // Routing picks up a new channel within about a second: one page through it first,
                // so the burst's pages all have somewhere to go.
                await WarmUpAsync(admin, receiver, key);

                burst = await Burst.RunAsync(unyo, key, Senders, BurstLimit, KillAfterAccepted);
                deliveredBeforeKill = Triggered(receiver).Count;
            }

            await using var restarted = await UnyoProcess.StartAsync(data, database, Ready, Settings);
            using var client = restarted.Client();
            var stored = await DedupKeysAsync(client, service);
            var delivered = await WaitForDeliveriesAsync(receiver, burst.Accepted, DeliveredWithin);

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{provider}: sent {burst.Sent}, 202 {burst.Accepted.Count}, cut off by the kill {burst.CutOff}, other answers {string.Join(", ", burst.Others)}; " +
                $"stored {stored.Count}; trigger notifications received before the kill {deliveredBeforeKill}, in all {receiver.Requests.Count} requests for {delivered.Distinct} alerts ({delivered.Duplicates} duplicates).");
            Assert.True(burst.Accepted.Count >= KillAfterAccepted, $"only {burst.Accepted.Count} events were accepted before the kill");
            Assert.True(burst.Sent < BurstLimit, "the burst ended before the kill: nothing was in flight");
            Assert.True(burst.CutOff > 0, "no request was in flight when the process was killed");
            Assert.Empty(burst.Others);
            Assert.Empty(burst.Accepted.Except(stored));
            Assert.Empty(burst.Accepted.Except(delivered.Keys));
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp directory left behind is harmless.
            }
        }
    }

    // A page at a time until one arrives (an alert routed before the router saw the channel is
    // recorded as unrouted and never paged).
    private static async Task WarmUpAsync(HttpClient admin, HttpReceiver receiver, string key)
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            (await admin.PostAsJsonAsync("v2/enqueue", AlertKit.Trigger(key, $"warm-up-{attempt}"))).EnsureSuccessStatusCode();
            var (delivered, _, _) = await WaitForDeliveriesAsync(receiver, new HashSet<string> { $"warm-up-{attempt}" }, TimeSpan.FromSeconds(3));
            if (delivered.Count > 0)
            {
                return;
            }
        }
        Assert.Fail("the webhook channel never received a page");
    }

    // Every dedup key the service has alerts for, read page by page.
    private static async Task<HashSet<string>> DedupKeysAsync(HttpClient client, string service)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var url = $"api/v1/alerts?service={service}&limit=500" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await client.GetAsync(url)).ReadAsync<Page<AlertResponse>>(HttpStatusCode.OK);
            keys.UnionWith(page.Items.Select(a => a.DedupKey));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return keys;
    }

    private static async Task<(HashSet<string> Keys, int Distinct, int Duplicates)> WaitForDeliveriesAsync(HttpReceiver receiver, IReadOnlySet<string> expected, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var triggered = Triggered(receiver);
        while (!expected.IsSubsetOf(triggered.Select(t => t.DedupKey)) && clock.Elapsed < within)
        {
            await Task.Delay(250);
            triggered = Triggered(receiver);
        }
        var alerts = triggered.Select(t => t.AlertId).Distinct().Count();
        return (triggered.Select(t => t.DedupKey).ToHashSet(StringComparer.Ordinal), alerts, triggered.Count - alerts);
    }

    private static List<(string DedupKey, long AlertId)> Triggered(HttpReceiver receiver) =>
        [.. receiver.Requests
            .Select(r => JsonNode.Parse(r.Body)!)
            .Where(b => (string?)b["event"] == "triggered")
            .Select(b => ((string)b["dedupKey"]!, (long)b["alertId"]!))];
}
