using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class IntegrationTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "relay-crew";
    private const string Service = "relay-web";
    private const string Integration = "relay-alertmanager";

    [Fact]
    public async Task ATeamAddsAnIntegrationOnTheServicePageAndCopiesItsUrl()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = Team })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/services", new { name = Service, team = Team, tier = 2 })).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync($"/services/{Service}");
        var section = page.Locator("section.service-integrations");
        await Expect(section).ToContainTextAsync("No integrations yet.");
        await section.GetByText("Add an integration…").ClickAsync();
        await section.GetByLabel("Name").FillAsync(Integration);
        await section.GetByLabel("Kind").SelectOptionAsync("alertmanager");
        await section.GetByLabel("Urgency rule").FillAsync("""{"rule": "supportHours", "timeZone": "Europe/Atlantis", "days": ["mon"], "start": "08:00", "end": "18:00"}""");
        await section.GetByRole(AriaRole.Button, new() { Name = "Add integration" }).ClickAsync();

        await Expect(section.Locator(".alert.error")).ToContainTextAsync("'Europe/Atlantis' is not a known IANA time zone");
        await section.GetByLabel("Urgency rule").FillAsync("""{"rule": "supportHours", "timeZone": "Europe/Berlin", "days": ["mon", "tue", "wed", "thu", "fri"], "start": "08:00", "end": "18:00"}""");
        await section.GetByRole(AriaRole.Button, new() { Name = "Add integration" }).ClickAsync();

        await Expect(section.Locator(".alert.secret")).ToContainTextAsync($"Integration {Integration} is ready.");
        var url = await section.Locator(".alert.secret code.token-secret").First.TextContentAsync();
        Assert.Matches(new Regex("/api/v1/integrations/alertmanager/[0-9a-f]{32}$"), url);
        var row = section.Locator("tbody tr").Filter(new() { HasText = Integration });
        await Expect(row).ToContainTextAsync("mon,tue,wed,thu,fri 08:00–18:00 Europe/Berlin: high inside, low outside");
        await Expect(row.Locator("code.token-secret").First).ToHaveTextAsync(url!);
        await UnyoApp.ScreenshotAsync(page, "integrations-service-section");

        await page.GotoAsync("/integrations");
        await Expect(page.Locator("tbody tr").Filter(new() { HasText = Integration })).ToContainTextAsync(Service);
    }
}
