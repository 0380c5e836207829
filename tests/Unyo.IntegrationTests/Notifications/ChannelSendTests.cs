using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Notifications;

/// Real sends through the API's test button: a receiver on 127.0.0.1 for every HTTP kind and an
/// SMTP listener (STARTTLS, self-signed certificate, AUTH) for email. The server is this class's
/// own, because the tests change the organisation's allow list.
public sealed class ChannelSendTests(Servers servers)
{
    private const string SmtpUser = "unyo-mailer";
    private const string SmtpPassword = "mail-password-1";
    private static readonly Lazy<SmtpListener> Smtp = new(() => new SmtpListener(credentials: (SmtpUser, SmtpPassword)));

    private Task<UnyoApp> ServerAsync(string provider) =>
        servers.GetIsolatedAsync(provider, "channel-sends", new Dictionary<string, string>
        {
            ["Unyo:Smtp:Host"] = "127.0.0.1",
            ["Unyo:Smtp:Port"] = Smtp.Value.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Unyo:Smtp:Security"] = "starttls",
            ["Unyo:Smtp:Username"] = SmtpUser,
            ["Unyo:Smtp:Password"] = SmtpPassword,
            ["Unyo:Smtp:From"] = "Unyo <unyo@example.test>",
            ["Unyo:Smtp:AcceptInvalidCertificates"] = "true",
        });

    private static async Task AllowLoopbackAsync(HttpClient admin, bool allow = true) =>
        (await admin.PutAsJsonAsync("api/v1/check-settings", new CheckSettingsRequest { AllowedTargets = allow ? ["127.0.0.1"] : [] }, HttpAssertions.Json)).EnsureSuccessStatusCode();

    private static async Task CreateAsync(HttpClient admin, NotificationChannelRequest request) =>
        await (await admin.PostJsonAsync("api/v1/notification-channels", request)).ReadAsync<NotificationChannelResponse>(HttpStatusCode.Created);

    [Theory, DatabaseData]
    public async Task EveryHttpKindDeliversATestInItsProductsFormat(string provider)
    {
        var app = await ServerAsync(provider);
        using var admin = app.Admin();
        await AllowLoopbackAsync(admin);
        await using var receiver = await HttpReceiver.StartAsync();
        var team = await ChannelKit.TeamAsync(admin);
        var at = receiver.Url.ToString().TrimEnd('/');
        var n = Names.Unique("send");
        await CreateAsync(admin, new() { Name = $"{n}-slack", Team = team, Type = "slack", Secrets = new() { ["url"] = $"{at}/slack" } });
        await CreateAsync(admin, new() { Name = $"{n}-teams", Team = team, Type = "teams", Secrets = new() { ["url"] = $"{at}/teams" } });
        await CreateAsync(admin, new() { Name = $"{n}-legacy", Team = team, Type = "teams", Settings = new JsonObject { ["format"] = "messageCard" }, Secrets = new() { ["url"] = $"{at}/legacy" } });
        await CreateAsync(admin, new() { Name = $"{n}-discord", Team = team, Type = "discord", Secrets = new() { ["url"] = $"{at}/discord" } });
        await CreateAsync(admin, new() { Name = $"{n}-mm", Team = team, Type = "mattermost", Settings = new JsonObject { ["username"] = "Unyo" }, Secrets = new() { ["url"] = $"{at}/mattermost" } });
        await CreateAsync(admin, ChannelKit.Webhook($"{n}-hook", team, $"{at}/hook", "a-signing-secret-of-some-length"));
        await CreateAsync(admin, new() { Name = $"{n}-pd", Team = team, Type = "pagerduty", Settings = new JsonObject { ["url"] = $"{at}/v2/enqueue" }, Secrets = new() { ["routingKey"] = "R0UT1NGKEY" } });
        var twilio = new JsonObject { ["baseUrl"] = at, ["accountSid"] = "AC0123456789abcdef", ["from"] = "+14155550100", ["to"] = new JsonArray("+4915100000001", "+4915100000002") };
        await CreateAsync(admin, new() { Name = $"{n}-sms", Team = team, Type = "sms", Settings = twilio, Secrets = new() { ["authToken"] = "tw1l10-token" } });
        await CreateAsync(admin, new() { Name = $"{n}-voice", Team = team, Type = "voice", Settings = (JsonObject)twilio.DeepClone(), Secrets = new() { ["authToken"] = "tw1l10-token" } });

        var outcomes = new Dictionary<string, ChannelTestResponse>();
        foreach (var kind in new[] { "slack", "teams", "legacy", "discord", "mm", "hook", "pd", "sms", "voice" })
        {
            outcomes[kind] = await ChannelKit.TestAsync(admin, $"{n}-{kind}");
        }
        var received = receiver.Requests.ToList();
        JsonObject Json(string path) => JsonNode.Parse(received.Single(r => r.Path == path).Body)!.AsObject();

        Assert.All(outcomes, o => Assert.True(o.Value.Result == "delivered", $"{o.Key}: {o.Value.Result} {o.Value.Detail}"));
        Assert.All(outcomes, o => Assert.Equal(200, o.Value.StatusCode));
        Assert.Equal(11, received.Count);
        Assert.All(received, r => Assert.Equal("POST", r.Method));
        var slack = Json("/slack");
        Assert.Equal($"Test: Test notification for channel {n}-slack", (string?)slack["text"]);
        Assert.Equal("section", (string?)slack["blocks"]![0]!["type"]);
        Assert.Contains("Service: unyo", (string?)slack["blocks"]![0]!["text"]!["text"]);
        Assert.Equal("Open alert", (string?)slack["blocks"]![1]!["elements"]![0]!["text"]!["text"]);
        var teams = Json("/teams");
        Assert.Equal("message", (string?)teams["type"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)teams["attachments"]![0]!["contentType"]);
        Assert.Equal("AdaptiveCard", (string?)teams["attachments"]![0]!["content"]!["type"]);
        Assert.Equal("MessageCard", (string?)Json("/legacy")["@type"]);
        var discord = Json("/discord");
        Assert.Empty(discord["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Contains("If you can read this", (string?)discord["embeds"]![0]!["description"]);
        var mattermost = Json("/mattermost");
        Assert.Equal("Unyo", (string?)mattermost["username"]);
        Assert.StartsWith("#### Test:", (string?)mattermost["text"]);
        var hook = received.Single(r => r.Path == "/hook");
        var timestamp = long.Parse(hook.Headers["X-Unyo-Timestamp"], System.Globalization.CultureInfo.InvariantCulture);
        var expected = "v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("a-signing-secret-of-some-length"), Encoding.UTF8.GetBytes($"{timestamp}.{hook.Body}")));
        Assert.Equal(expected, hook.Headers["X-Unyo-Signature"]);
        Assert.InRange(timestamp, TimeProvider.System.GetUtcNow().AddMinutes(-2).ToUnixTimeSeconds(), TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        Assert.Equal("acme", hook.Headers["X-Tenant"]);
        Assert.Equal((string?)Json("/hook")["deliveryId"], hook.Headers["X-Unyo-Delivery"]);
        Assert.Equal(("test", "info", $"{n}-hook"), ((string?)Json("/hook")["event"], (string?)Json("/hook")["severity"], (string?)Json("/hook")["channel"]));
        var pd = Json("/v2/enqueue");
        Assert.Equal(("R0UT1NGKEY", "trigger", "info"), ((string?)pd["routing_key"], (string?)pd["event_action"], (string?)pd["payload"]!["severity"]));
        Assert.StartsWith("unyo-test-", (string?)pd["dedup_key"]);
        Assert.Equal($"Test notification for channel {n}-pd", (string?)pd["payload"]!["summary"]);
        var sms = received.Where(r => r.Path == "/2010-04-01/Accounts/AC0123456789abcdef/Messages.json").ToList();
        Assert.Equal(2, sms.Count);
        var form = System.Web.HttpUtility.ParseQueryString(sms[0].Body);
        Assert.Equal(("+14155550100", true), (form["From"], form["To"] is "+4915100000001" or "+4915100000002"));
        Assert.StartsWith("Unyo test: Test notification", form["Body"]);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC0123456789abcdef:tw1l10-token")), sms[0].Headers["Authorization"]);
        var call = System.Web.HttpUtility.ParseQueryString(received.First(r => r.Path.EndsWith("/Calls.json", StringComparison.Ordinal)).Body);
        Assert.StartsWith("<Response><Say>This is Unyo.", call["Twiml"]);
    }

    [Theory, DatabaseData]
    public async Task EmailArrivesThroughStartTlsWithTheServersCredentials(string provider)
    {
        var app = await ServerAsync(provider);
        using var admin = app.Admin();
        var team = await ChannelKit.TeamAsync(admin);
        var name = Names.Unique("mail");
        await CreateAsync(admin, ChannelKit.Email(name, team, $"{name}@example.test", "second@example.test") with { Settings = new JsonObject { ["to"] = new JsonArray($"{name}@example.test"), ["cc"] = new JsonArray("lead@example.test") } });

        var outcome = await ChannelKit.TestAsync(admin, name);
        var mail = Smtp.Value.Mails.Single(m => m.To.Contains($"{name}@example.test"));

        Assert.Equal(("delivered", 250), (outcome.Result, outcome.StatusCode));
        Assert.Equal(("unyo@example.test", true, SmtpUser), (mail.From, mail.OverTls, mail.User));
        Assert.Equal([$"{name}@example.test", "lead@example.test"], mail.To);
        Assert.Contains($"Subject: Test: Test notification for channel {name}", mail.Data);
        Assert.Contains("X-Unyo-Delivery:", mail.Data);
        Assert.Contains("If you can read this, Unyo can reach this channel.", mail.Data);
    }

    [Theory, DatabaseData]
    public async Task ReceiverFailuresBecomeOutcomesNotErrors(string provider)
    {
        var app = await ServerAsync(provider);
        using var admin = app.Admin();
        await AllowLoopbackAsync(admin);
        await using var receiver = await HttpReceiver.StartAsync();
        var team = await ChannelKit.TeamAsync(admin);
        var (name, closed) = (Names.Unique("flaky"), Names.Unique("closed"));
        await CreateAsync(admin, new() { Name = name, Team = team, Type = "slack", Secrets = new() { ["url"] = $"{receiver.Url}hook" } });
        var port = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        port.Start();
        var unused = ((IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        await CreateAsync(admin, new() { Name = closed, Team = team, Type = "discord", Secrets = new() { ["url"] = $"http://127.0.0.1:{unused}/hook" } });

        (receiver.Status, receiver.RetryAfter) = (503, "7");
        var busy = await ChannelKit.TestAsync(admin, name);
        (receiver.Status, receiver.RetryAfter) = (429, TimeProvider.System.GetUtcNow().AddSeconds(90).ToString("R"));
        var limited = await ChannelKit.TestAsync(admin, name);
        (receiver.Status, receiver.RetryAfter, receiver.Answer) = (404, null, "no_service");
        var gone = await ChannelKit.TestAsync(admin, name);
        var refused = await ChannelKit.TestAsync(admin, closed);

        Assert.Equal(("retryLater", 503, 7.0), (busy.Result, busy.StatusCode, busy.RetryAfterSeconds));
        Assert.Equal(("retryLater", 429), (limited.Result, limited.StatusCode));
        Assert.InRange(limited.RetryAfterSeconds!.Value, 80, 91);
        Assert.Equal(("rejected", 404, "404 Not Found: no_service"), (gone.Result, gone.StatusCode, gone.Detail));
        Assert.Equal(("retryLater", (int?)null), (refused.Result, refused.StatusCode));
        Assert.Contains("refused", refused.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, DatabaseData]
    public async Task TheGuardRefusesAtConnectTimeOnceTheAdminTakesTheAllowanceBack(string provider)
    {
        var app = await ServerAsync(provider);
        using var admin = app.Admin();
        await AllowLoopbackAsync(admin);
        await using var receiver = await HttpReceiver.StartAsync();
        var team = await ChannelKit.TeamAsync(admin);
        var name = Names.Unique("guarded");
        await CreateAsync(admin, ChannelKit.Webhook(name, team, $"{receiver.Url}hook"));

        await AllowLoopbackAsync(admin, allow: false);
        var outcome = await ChannelKit.TestAsync(admin, name);
        var created = await (await admin.PostJsonAsync("api/v1/notification-channels", ChannelKit.Webhook(Names.Unique("again"), team, $"{receiver.Url}hook"))).ProblemAsync(HttpStatusCode.BadRequest);
        await AllowLoopbackAsync(admin);

        Assert.Equal("rejected", outcome.Result);
        Assert.Contains("loopback", outcome.Detail);
        Assert.Contains("check-settings", outcome.Detail);
        Assert.Empty(receiver.Requests);
        created.AssertField("secrets.url", "loopback");
    }
}
