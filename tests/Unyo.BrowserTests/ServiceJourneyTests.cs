using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class ServiceJourneyTests(UnyoApp app)
{
    [Fact]
    public async Task AdminCreatesATeamThenAServiceAndFindsItsRunbook()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await UnyoApp.NavigateAsync(page, "Teams");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("payments");
        await page.GetByLabel("Display name").FillAsync("Payments");
        await page.GetByLabel("Description").FillAsync("Takes the money.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create team" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/teams/payments$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Payments");

        await page.GotoAsync("/services");
        // The empty catalog also offers the link in its hint; take the page's own button.
        await page.Locator("a.button.primary", new() { HasText = "New service" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/services/new$"));
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("checkout-api");
        await page.GetByLabel("Display name").FillAsync("Checkout API");
        await page.GetByLabel("Owning team").SelectOptionAsync("payments");
        await page.GetByLabel("Tier").SelectOptionAsync("1");
        await page.GetByLabel("Runbook URL").FillAsync("wiki/checkout");
        await page.GetByLabel("Tags").FillAsync("payments, edge");
        await page.GetByLabel("Links").FillAsync("Dashboard | https://grafana.example.com/d/checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create service" }).ClickAsync();

        // Refused: the error sits next to the runbook field and nothing typed is lost.
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        var runbookField = page.Locator("div").Filter(new() { Has = page.Locator("#runbookUrl") }).Last;
        await Expect(runbookField.Locator(".field-error")).ToHaveTextAsync("'wiki/checkout' must be an absolute http or https URL.");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("checkout-api");
        await Expect(page.GetByLabel("Owning team")).ToHaveValueAsync("payments");
        await Expect(page.GetByLabel("Tier")).ToHaveValueAsync("1");
        await Expect(page.GetByLabel("Links")).ToHaveValueAsync("Dashboard | https://grafana.example.com/d/checkout");
        await UnyoApp.ScreenshotAsync(page, "service-form-error");

        await page.GetByLabel("Runbook URL").FillAsync("https://wiki.example.com/runbooks/checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create service" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/services/checkout-api\\?saved=true$"));
        var runbook = page.Locator(".runbook a");
        await Expect(runbook).ToHaveAttributeAsync("href", "https://wiki.example.com/runbooks/checkout");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Checkout API");
        await Expect(page.Locator(".meta")).ToContainTextAsync("owned by payments");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToHaveAttributeAsync("href", "https://grafana.example.com/d/checkout");
        await Expect(page.Locator(".managed")).ToHaveTextAsync("ui");
        await UnyoApp.ScreenshotAsync(page, "service-page");

        // Other tests add many services: search, so the row is on the first page whatever the order.
        await page.GotoAsync("/services?q=checkout-api");
        var row = page.Locator("tr").Filter(new() { HasText = "checkout-api" });
        await Expect(row.Locator(".tier")).ToHaveTextAsync("T1");
        await Expect(row).ToContainTextAsync("payments");
    }

    [Fact]
    public async Task FilteringByTierKeepsOnlyThatTier()
    {
        using var api = app.Api();
        await SeedTeamAsync(api, "search");
        await SeedServiceAsync(api, new { name = "search-api", team = "search", tier = 1, tags = new[] { "search" } });
        await SeedServiceAsync(api, new { name = "search-indexer", team = "search", tier = 3, tags = new[] { "search" } });
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GetByLabel("Tier").SelectOptionAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("[?&]tier=1(&|$)"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "search-api", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "search-indexer" })).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Tier")).ToHaveValueAsync("1");
        await UnyoApp.ScreenshotAsync(page, "services-filtered");

        await page.GotoAsync("/services?tag=no-such-tag");
        await Expect(page.Locator(".empty")).ToContainTextAsync("No services match these filters.");
    }

    [Fact]
    public async Task NextPageLinkWalksThePagesInNameOrder()
    {
        using var api = app.Api();
        await SeedTeamAsync(api, "bulk");
        for (var i = 1; i <= 51; i++)
        {
            await SeedServiceAsync(api, new { name = $"bulk-{i:D2}", team = "bulk", tags = new[] { "bulk" } });
        }
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync("/services?tag=bulk");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(50);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "bulk-51" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("tag=bulk&cursor="));
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "bulk-51" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Next page" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DeleteIsRefusedWithTheReasonWhileOthersDependOnTheService()
    {
        using var api = app.Api();
        await SeedTeamAsync(api, "ledger-team");
        await SeedServiceAsync(api, new { name = "ledger", team = "ledger-team", tier = 2 });
        await SeedServiceAsync(api, new { name = "billing", team = "ledger-team", dependsOn = new[] { "ledger" } });
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync("/services/ledger");
        await Expect(page.Locator(".runbook")).ToContainTextAsync("None yet");
        var dependents = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Depended on by" }) });
        await Expect(dependents.GetByRole(AriaRole.Link, new() { Name = "billing" })).ToBeVisibleAsync();

        await page.GetByText("Delete…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete service" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("billing still depend on 'ledger'");
        await UnyoApp.ScreenshotAsync(page, "service-delete-refused");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/services/ledger", TestContext.Current.CancellationToken)).StatusCode);

        await page.GotoAsync("/services/billing");
        await page.GetByText("Delete…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete service" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/services\\?deleted=billing$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Deleted service billing");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/services/billing", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task UnknownServiceIsA404Page()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        var response = await page.GotoAsync("/services/does-not-exist");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
        await Expect(page.Locator("main")).ToContainTextAsync("There is nothing at /services/does-not-exist");

        response = await page.GotoAsync("/services/does-not-exist/edit");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not found");
    }

    internal static async Task SeedTeamAsync(HttpClient api, string name)
    {
        var response = await api.PostAsJsonAsync("/api/v1/teams", new { name }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"team {name}: {response.StatusCode}");
    }

    internal static async Task SeedServiceAsync(HttpClient api, object service)
    {
        var response = await api.PostAsJsonAsync("/api/v1/services", service, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"service: {response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }
}
