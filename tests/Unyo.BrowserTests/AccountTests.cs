using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class AccountTests(UnyoApp app)
{
    [Fact]
    public async Task ATokenIsShownOnceWorksAndStopsWorkingWhenRevoked()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        await page.GetByRole(AriaRole.Link, new() { Name = "Account" }).ClickAsync();
        await Expect(page.Locator(".facts")).ToContainTextAsync(UnyoApp.AdminEmail);
        await Expect(page.Locator(".facts")).ToContainTextAsync("owner");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("browser-ci");
        await page.GetByLabel("Expires in (days)").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        await Expect(page.Locator(".alert.secret")).ToContainTextAsync("Copy it now");
        var secret = (await page.Locator(".token-secret").TextContentAsync())!.Trim();
        Assert.StartsWith("unyo_", secret, StringComparison.Ordinal);
        var row = page.Locator("tbody tr").Filter(new() { HasText = "browser-ci" });
        await Expect(row).ToContainTextAsync(secret[..12]);
        await UnyoApp.ScreenshotAsync(page, "account-token-created");

        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);

        await page.GotoAsync("/account");
        await Expect(page.Locator(".token-secret")).ToHaveCountAsync(0);
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke browser-ci" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Revoked token");
        await Expect(page.Locator("tbody tr").Filter(new() { HasText = "browser-ci" })).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task TeamMembersAreAddedAndRemovedByEmail()
    {
        using var api = app.Api();
        await ServiceJourneyTests.SeedTeamAsync(api, "oncall-crew");
        var created = await api.PostAsJsonAsync("/api/v1/users", new { email = "rin@example.com", displayName = "Rin", password = "rin-password-123", role = "member" }, TestContext.Current.CancellationToken);
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync("/teams/oncall-crew");
        await page.GetByLabel("Add member").FillAsync("rin@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("rin@example.com is a member of oncall-crew");
        await Expect(page.Locator("tr").Filter(new() { HasText = "rin@example.com" })).ToContainTextAsync("Rin");

        await page.GetByLabel("Add member").FillAsync("ghost@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No user has the email 'ghost@example.com'");
        await UnyoApp.ScreenshotAsync(page, "team-page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove rin@example.com" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Removed rin@example.com");
        await Expect(page.Locator("tr").Filter(new() { HasText = "rin@example.com" })).ToHaveCountAsync(0);

        await page.GotoAsync("/teams");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "oncall-crew" });
        await Expect(row.Locator("td.num").First).ToHaveTextAsync("0");
        await UnyoApp.ScreenshotAsync(page, "teams");
        Assert.Matches(new Regex("/teams$"), page.Url);
    }
}
