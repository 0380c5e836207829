using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class MaintenanceTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "vault-crew";
    private const string Service = "vault-web";
    private const string Window = "vault-patch-night";

    [Fact]
    public async Task ATeamPlansARecurringWindowInTheFormAndItShowsOnTheServicePage()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = Team })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/services", new { name = Service, team = Team, tier = 2 })).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync($"/services/{Service}");
        var section = page.Locator("section.service-maintenance");
        await Expect(section).ToContainTextAsync("No maintenance planned.");
        await section.GetByRole(AriaRole.Link, new() { Name = "Plan maintenance" }).ClickAsync();

        await Expect(page.GetByLabel("Services")).ToHaveValueAsync(Service);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(Window);
        await page.GetByLabel("Owning team").SelectOptionAsync(Team);
        await page.GetByLabel("Title").FillAsync("Vault patch night");
        await page.GetByLabel("Recurring (RRULE)").CheckAsync();
        await page.GetByLabel("Start", new() { Exact = true }).FillAsync("2026-01-01T00:00");
        await page.GetByLabel("RRULE", new() { Exact = true }).FillAsync("FREQ=DAILY;BYHOUR=3");
        await page.GetByLabel("Duration").FillAsync("forever");
        await page.GetByLabel("Time zone").FillAsync("Europe/Berlin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create window" }).ClickAsync();

        // Refused next to the field, with everything else as typed.
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("Nothing was saved.");
        await Expect(page.Locator(".field-error")).ToContainTextAsync("'forever' is not a duration");
        await Expect(page.GetByLabel("RRULE", new() { Exact = true })).ToHaveValueAsync("FREQ=DAILY;BYHOUR=3");
        await page.GetByLabel("Duration").FillAsync("1h30m");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create window" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/maintenance/{Window}\\?saved=true$"));
        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("Saved.");
        await Expect(page.Locator("dd").Filter(new() { HasText = "RRULE" })).ToContainTextAsync("RRULE FREQ=DAILY;BYHOUR=3 for 1h30m, Europe/Berlin time");
        await Expect(page.Locator("ul.occurrences").First.Locator("li")).ToHaveCountAsync(10);
        await UnyoApp.ScreenshotAsync(page, "maintenance-window");

        await page.GotoAsync($"/services/{Service}");
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = Window })).ToHaveCountAsync(await section.Locator("li").CountAsync());
        await Expect(section).ToContainTextAsync("Vault patch night");
        await UnyoApp.ScreenshotAsync(page, "maintenance-service-section");

        await page.GotoAsync("/maintenance");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Maintenance", IncludeHidden = true })).ToHaveClassAsync(new Regex("active"));
        await Expect(page.Locator("section.maintenance-upcoming, section.maintenance-active").GetByRole(AriaRole.Link, new() { Name = Window })).ToHaveCountAsync(1);
    }
}
