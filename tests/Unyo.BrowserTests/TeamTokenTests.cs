using System.Net;
using System.Net.Http.Headers;

namespace Unyo.BrowserTests;

public sealed class TeamTokenTests(UnyoApp app)
{
    [Fact]
    public async Task ATeamTokenIsShownOnceRotatedAndRevokedOnTheTeamPage()
    {
        using var api = app.Api();
        await ServiceJourneyTests.SeedTeamAsync(api, "platform-bots");
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        await page.GotoAsync("/teams/platform-bots");
        await Expect(page.Locator(".team-tokens .empty")).ToContainTextAsync("This team has no tokens.");

        await page.GetByLabel("Token name").FillAsync("deploy-pipeline");
        await page.GetByLabel("Scope").SelectOptionAsync("write");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create team token" }).ClickAsync();

        await Expect(page.Locator(".team-tokens .alert.secret")).ToContainTextAsync("Copy it now");
        var secret = (await page.Locator(".token-secret").TextContentAsync())!.Trim();
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(secret));
        await page.GotoAsync("/teams/platform-bots");
        var row = page.Locator(".team-tokens tbody tr").Filter(new() { HasText = "deploy-pipeline" });
        await Expect(row).ToContainTextAsync(secret[..12]);
        await Expect(row).ToContainTextAsync("from 127.0.0.1");
        await Expect(page.Locator(".token-secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain("admin", await page.GetByLabel("Scope").Locator("option").AllTextContentsAsync());
        await UnyoApp.ScreenshotAsync(page, "team-tokens");

        await row.GetByRole(AriaRole.Button, new() { Name = "Rotate deploy-pipeline" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Rotated" })).ToContainTextAsync("the old secret stopped working");
        var rotated = (await page.Locator(".token-secret").TextContentAsync())!.Trim();
        Assert.NotEqual(secret, rotated);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(secret));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(rotated));

        await page.Locator(".team-tokens tbody tr").Filter(new() { HasText = "deploy-pipeline" })
            .GetByRole(AriaRole.Button, new() { Name = "Revoke deploy-pipeline" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Revoked team token");
        await Expect(page.Locator(".team-tokens tbody tr")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(rotated));
    }

    private async Task<HttpStatusCode> StatusWithAsync(string secret)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return (await client.GetAsync("/api/v1/services", TestContext.Current.CancellationToken)).StatusCode;
    }
}
