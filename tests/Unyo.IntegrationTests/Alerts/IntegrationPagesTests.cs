using System.Net;
using Unyo.Client;
using Unyo.IntegrationTests.Accounts;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Alerts;

public sealed class IntegrationPagesTests(Servers servers)
{
    [Theory, DatabaseData]
    public async Task TheServicePageAddsAnIntegrationAndShowsItsKeyToTheTeamButNotToAViewer(string provider)
    {
        var app = await servers.GetAsync(provider);
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var name = Names.Unique("am");
        using var browser = new FormClient(app);
        await browser.SignInAsync(UnyoApp.AdminEmail, UnyoApp.AdminPassword);
        await browser.GetAsync($"services/{service}");

        var refused = await browser.PostAsync($"services/{service}", "add-integration", ("Form.Name", name), ("Form.Kind", "webhook"), ("Form.Mapping", "{\"summary\": \"title\"}"));
        Assert.Contains("Nothing was saved.", browser.Html);
        Assert.Contains("mapping.summary", browser.Html);
        var added = await browser.PostAsync($"services/{service}", "add-integration", ("Form.Name", name), ("Form.Kind", "alertmanager"), ("Form.Urgency", "{\"rule\": \"low\"}"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var stored = await (await admin.GetAsync($"api/v1/integrations/{name}")).ReadAsync<IntegrationResponse>(HttpStatusCode.OK);
        Assert.Equal(("ui", "always low"), (stored.ManagedBy, stored.UrgencySummary));
        Assert.Contains($"is ready.", browser.Html);
        Assert.Contains(stored.Key, browser.Html);
        Assert.Contains($"/api/v1/integrations/alertmanager/{stored.Key}", browser.Html);
        Assert.Contains("Add an integration", browser.Html);
        (await browser.GetAsync($"integrations?service={service}")).EnsureSuccessStatusCode();
        Assert.Contains(stored.Key, browser.Html);

        var viewerEmail = $"viewer-{Guid.NewGuid():N}@example.test";
        (await admin.PostJsonAsync("api/v1/users", new CreateUserRequest { Email = viewerEmail, Role = "viewer", Password = "a long enough password" })).EnsureSuccessStatusCode();
        using var viewer = new FormClient(app);
        await viewer.SignInAsync(viewerEmail, "a long enough password");
        foreach (var url in new[] { $"services/{service}", "integrations" })
        {
            (await viewer.GetAsync(url)).EnsureSuccessStatusCode();
            Assert.Contains(name, viewer.Html);
            Assert.Contains("••••" + stored.Key[^4..], WebUtility.HtmlDecode(viewer.Html));
            Assert.DoesNotContain(stored.Key, viewer.Html);
            Assert.DoesNotContain("Add an integration", viewer.Html);
        }
    }
}
