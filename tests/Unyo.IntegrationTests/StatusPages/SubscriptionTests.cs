using System.Net;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Features.Notifications.Outbox;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.StatusPages;

public sealed class SubscriptionTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task AnEmailIsSubscribedOnlyAfterItsConfirmationLinkAndEveryUpdateMailCarriesAnUnsubscribeLink(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "status-subscriptions", new Dictionary<string, string> { ["UNYO_STATUS_SUBSCRIBE_PER_MINUTE"] = "100" });
        using var admin = app.Admin();
        var (team, s) = await StatusPageKit.ServicesAsync(admin, 1);
        var page = await StatusPageKit.PageAsync(admin, team, new StatusComponentRequest { Service = s[0] });
        var incident = await StatusPageKit.IncidentAsync(app, "Checkout slow", 3, [s[0]]);
        using var outsider = app.Client();
        var email = $"{Names.Unique("reader")}@example.test";

        var invalid = await (await outsider.PostJsonAsync($"status/{page.Name}/subscribe", new StatusSubscribeRequest { Email = "not an address" })).ProblemAsync(HttpStatusCode.BadRequest);
        var missing = await (await outsider.PostJsonAsync($"status/{page.Name}/subscribe", new StatusSubscribeRequest())).ProblemAsync(HttpStatusCode.BadRequest);
        var first = await outsider.PostJsonAsync($"status/{page.Name}/subscribe", new StatusSubscribeRequest { Email = email });
        var firstBody = await first.Content.ReadAsStringAsync();
        await StatusPageKit.PublishAsync(admin, incident, "investigating", "Looking into it", page.Name);
        var confirmation = Mails(app, email).Single();
        var link = Link(confirmation.Details!, "/confirm/");
        var shown = await outsider.GetAsync(link);
        var confirmed = await outsider.PostAsync(link, null);
        var again = await outsider.PostJsonAsync($"status/{page.Name}/subscribe", new StatusSubscribeRequest { Email = email.ToUpperInvariant() });
        var forged = await outsider.PostAsync($"status/{page.Name}/confirm/{Link(confirmation.Details!, "/confirm/").Split('/')[^1]}x", null);
        (await StatusPageKit.PublishAsync(admin, incident, "monitoring", "A fix is out", page.Name)).EnsureSuccessStatusCode();
        var mails = Mails(app, email);
        var update = mails.Single(m => m.Summary.Contains("Monitoring", StringComparison.Ordinal));
        var unsubscribe = Link(update.Details!, "/unsubscribe/");
        var left = await outsider.PostAsync(unsubscribe, null);
        var subscribers = (await (await admin.GetAsync($"api/v1/status-pages/{page.Name}")).ReadAsync<StatusPageResponse>(HttpStatusCode.OK)).Subscribers;

        invalid.AssertField("email", "not a valid email address");
        missing.AssertField("email", "is required");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        // Already subscribed or not, the caller reads the same answer.
        Assert.Equal((HttpStatusCode.Accepted, firstBody), (again.StatusCode, await again.Content.ReadAsStringAsync()));
        Assert.Equal("Confirm your subscription to Acme status", confirmation.Summary);
        Assert.Contains("<form method=\"post\">", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        // The update published before confirming went to nobody; the one after did, with its links.
        Assert.Equal(2, mails.Count);
        Assert.Equal("[Acme status] Monitoring: Checkout slow", update.Summary);
        Assert.Contains("A fix is out", update.Details, StringComparison.Ordinal);
        Assert.EndsWith($"/status/{page.Name}", update.AlertUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal(0, subscribers);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(unsubscribe, null)).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task SubscribingIsRateLimitedPerClientAndWebhooksPassTheTargetGuard(string provider)
    {
        var app = await servers.GetIsolatedAsync(provider, "status-subscribe-limit");
        using var admin = app.Admin();
        var (team, s) = await StatusPageKit.ServicesAsync(admin, 1);
        var page = await StatusPageKit.PageAsync(admin, team, new StatusComponentRequest { Service = s[0] });
        using var outsider = app.Client();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await outsider.PostJsonAsync($"status/{page.Name}/subscribe", new StatusSubscribeRequest { Email = $"reader{i}@example.test" })).StatusCode);
        }
        var loopback = await (await admin.PostJsonAsync($"api/v1/status-pages/{page.Name}/webhooks", new StatusWebhookRequest { Url = "http://127.0.0.1:9/hook" })).ProblemAsync(HttpStatusCode.BadRequest);
        var notUrl = await (await admin.PostJsonAsync($"api/v1/status-pages/{page.Name}/webhooks", new StatusWebhookRequest { Url = "ftp://x" })).ProblemAsync(HttpStatusCode.BadRequest);
        await CheckKitAllowLoopback(admin);
        var hook = await (await admin.PostJsonAsync($"api/v1/status-pages/{page.Name}/webhooks", new StatusWebhookRequest { Url = "http://127.0.0.1:9/hook" })).ReadAsync<StatusWebhookResponse>(HttpStatusCode.Created);
        var incident = await StatusPageKit.IncidentAsync(app, "Checkout slow", 3, [s[0]]);
        (await StatusPageKit.PublishAsync(admin, incident, "investigating", "Looking", page.Name)).EnsureSuccessStatusCode();
        var queued = app.WithDb(db => db.Notifications.Count(n => n.SubscriberId == hook.Id));
        var removed = await admin.DeleteAsync($"api/v1/status-pages/{page.Name}/webhooks/{hook.Id}");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, 5), HttpStatusCode.TooManyRequests], answers);
        loopback.AssertField("url", "");
        notUrl.AssertField("url", "http or https");
        Assert.False(string.IsNullOrEmpty(hook.SigningSecret));
        Assert.Equal(1, queued);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    private static Task CheckKitAllowLoopback(HttpClient admin) => Checks.CheckKit.AllowLoopbackAsync(admin);

    private static List<Features.Notifications.NotificationMessage> Mails(UnyoApp app, string email) => app.WithDb(db =>
        db.Notifications.AsNoTracking().Where(n => db.StatusSubscribers.Any(s => s.Id == n.SubscriberId && s.Email == email)).OrderBy(n => n.CreatedAt)
            .Select(n => n.Message).ToList().Select(NotificationJson.Read).ToList());

    private static string Link(string text, string marker)
    {
        var line = text.Split('\n').Select(l => l.Trim()).First(l => l.Contains(marker, StringComparison.Ordinal));
        var url = line[line.IndexOf("http", StringComparison.Ordinal)..];
        return new Uri(url).PathAndQuery.TrimStart('/');
    }
}
