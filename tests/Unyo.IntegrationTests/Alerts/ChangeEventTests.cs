using System.Net;
using System.Net.Http.Json;
using System.Text;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class ChangeEventTests(Servers servers)
{
    private static object Change(string key, string summary, string? timestamp = null) => new
    {
        routing_key = key,
        payload = new { summary, timestamp, source = "github-actions", custom_details = new { commit = "a1b2c3", build = 42 } },
        links = new[] { new { href = "https://github.example.com/shop/pull/7", text = "PR #7" } },
    };

    [Theory, DatabaseData]
    public async Task ChangesAreStoredWithoutAlertsAndListedNewestFirstInPages(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        using var anonymous = app.Client();

        var accepted = await (await anonymous.PostAsJsonAsync("v2/change/enqueue", Change(key, "Deploy v1.4.2", "2026-11-24T10:00:00Z"))).ReadAsync<PagerDutyAccepted>(HttpStatusCode.Accepted);
        (await anonymous.PostAsJsonAsync("v2/change/enqueue", Change(key, "Feature flag checkout-v2 on"))).EnsureSuccessStatusCode();
        (await anonymous.PostAsJsonAsync("v2/change/enqueue", Change(key, "Deploy v1.4.3"))).EnsureSuccessStatusCode();

        Assert.Equal(("success", "Change event processed"), (accepted.Status, accepted.Message));
        Assert.Empty(await AlertKit.AlertsAsync(app, service));
        var first = await (await admin.GetAsync($"api/v1/services/{service}/changes?limit=2")).ReadAsync<Page<ChangeEventResponse>>(HttpStatusCode.OK);
        Assert.Equal(["Deploy v1.4.3", "Feature flag checkout-v2 on"], first.Items.Select(c => c.Summary));
        Assert.NotNull(first.NextCursor);
        var rest = await (await admin.GetAsync($"api/v1/services/{service}/changes?limit=2&cursor={first.NextCursor}")).ReadAsync<Page<ChangeEventResponse>>(HttpStatusCode.OK);
        var oldest = Assert.Single(rest.Items);
        Assert.Null(rest.NextCursor);
        Assert.Equal(("Deploy v1.4.2", "github-actions", service), (oldest.Summary, oldest.Source, oldest.Service));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), oldest.Timestamp);
        Assert.Equal("a1b2c3", oldest.Details!.Value.GetProperty("commit").GetString());
        Assert.Equal(new ChangeEventLink("https://github.example.com/shop/pull/7", "PR #7"), Assert.Single(oldest.Links));

        // The service page shows them under "Recent changes".
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/services/{service}")).StatusCode);
        Assert.Contains("Recent changes", browser.Html);
        Assert.Contains("Deploy v1.4.3", browser.Html);
        Assert.Contains("https://github.example.com/shop/pull/7", browser.Html);
    }

    [Theory, DatabaseData]
    public async Task BadChangesAreRefusedLikePagerDutyAndNothingIsStored(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var key = await AlertKit.IntegrationAsync(app, service, IntegrationKind.PagerDuty);
        var nativeKey = await AlertKit.IntegrationAsync(app, service, IntegrationKind.Native);
        using var anonymous = app.Client();

        async Task<PagerDutyRefused> Refused(object body, HttpStatusCode status) =>
            await (await anonymous.PostAsJsonAsync("v2/change/enqueue", body)).ReadAsync<PagerDutyRefused>(status);

        var empty = await Refused(new { }, HttpStatusCode.BadRequest);
        Assert.Equal(["'routing_key' is missing or blank", "'payload' is missing or not an object"], empty.Errors);
        var bad = await Refused(new { routing_key = key, payload = new { summary = new string('x', 1025), timestamp = "soon" }, links = new[] { new { href = "javascript:alert(1)" } } }, HttpStatusCode.BadRequest);
        Assert.Equal(["'payload.summary' must be at most 1024 characters (got 1025)", "'payload.timestamp' must be an ISO 8601 date and time", "'links[0].href' must be an http or https URL"], bad.Errors);
        var malformed = await anonymous.PostAsync("v2/change/enqueue", new StringContent("{\"routing_key\": ", Encoding.UTF8, "application/json"));
        Assert.StartsWith("The body is not valid JSON", Assert.Single((await malformed.ReadAsync<PagerDutyRefused>(HttpStatusCode.BadRequest)).Errors));
        var huge = await anonymous.PostAsync("v2/change/enqueue", new StringContent($"{{\"routing_key\":\"{key}\",\"pad\":\"{new string('x', 600 * 1024)}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        var unknown = await Refused(Change(IntegrationKeys.New(), "Deploy"), HttpStatusCode.NotFound);
        HttpAssertions.SameJson(unknown, await Refused(Change(nativeKey, "Deploy"), HttpStatusCode.NotFound));

        var none = await (await admin.GetAsync($"api/v1/services/{service}/changes")).ReadAsync<Page<ChangeEventResponse>>(HttpStatusCode.OK);
        Assert.Empty(none.Items);
        (await (await admin.GetAsync($"api/v1/services/{service}/changes?limit=0&cursor=!!")).ProblemAsync(HttpStatusCode.BadRequest)).AssertField("limit", "between 1 and");
        await (await admin.GetAsync("api/v1/services/no-such-service/changes")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
