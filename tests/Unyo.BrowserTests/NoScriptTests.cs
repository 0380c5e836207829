using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

// The UI is static server rendering: every page and form must work with JavaScript off.
public sealed class NoScriptTests(UnyoApp app)
{
    [Fact]
    public async Task ServicesPageIsReadableAndFilterableWithJavaScriptDisabled()
    {
        using var api = app.Api();
        await ServiceJourneyTests.SeedTeamAsync(api, "noscript");
        await ServiceJourneyTests.SeedServiceAsync(api, new { name = "noscript-web", displayName = "No Script Web", team = "noscript", tier = 2, tags = new[] { "plain" } });
        await using var context = await app.NewContextAsync(javaScript: false);
        var page = await app.SignedInPageAsync(context);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Services", Level = 1 })).ToBeVisibleAsync();
        // Other tests add many services: search (a plain GET form), so the row is on the first page.
        await page.GetByPlaceholder("Search").FillAsync("noscript");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var row = page.Locator("tbody tr").Filter(new() { HasText = "noscript-web" });
        await Expect(row).ToContainTextAsync("No Script Web");
        await Expect(row.Locator(".tier")).ToHaveTextAsync("T2");

        await page.GetByPlaceholder("Tag").FillAsync("plain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]tag=plain(&|$)"));
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);

        // The stylesheet is served, so the page is laid out, not raw HTML.
        var css = await page.APIRequest.GetAsync("/app.css");
        Assert.Equal(200, css.Status);
        Assert.Contains("text/css", css.Headers["content-type"], StringComparison.Ordinal);
        await UnyoApp.ScreenshotAsync(page, "services-noscript");
    }
}
