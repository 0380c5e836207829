namespace Unyo.BrowserTests;

public sealed class AuditTests(UnyoApp app)
{
    [Fact]
    public async Task AnAdminSeesWhoChangedWhatAndFiltersByAction()
    {
        using (var api = app.Api())
        {
            await ServiceJourneyTests.SeedTeamAsync(api, "audited");
            await ServiceJourneyTests.SeedServiceAsync(api, new { name = "audited-web", team = "audited", tier = 2 });
        }
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
        // Signing in just now is the newest record.
        await Expect(page.Locator("tbody tr").First).ToContainTextAsync("signin.succeeded");

        await page.GetByPlaceholder("Action").FillAsync("service.create");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var row = page.Locator("tbody tr").Filter(new() { HasText = "audited-web" });
        await Expect(row).ToContainTextAsync("Service audited-web");
        await Expect(row).ToContainTextAsync(UnyoApp.AdminEmail);
        await Expect(page.Locator("tbody tr").Filter(new() { HasText = "signin" })).ToHaveCountAsync(0);
        await row.Locator("summary").ClickAsync();
        await Expect(row.Locator("ul.changes")).ToContainTextAsync("spec.tier – → 2");
        await Expect(row.Locator("pre.json").Last).ToContainTextAsync("\"tier\": 2");
        await UnyoApp.ScreenshotAsync(page, "audit");
    }
}
