using System.Net.Http.Json;

namespace Unyo.BrowserTests;

public sealed class IncidentPagesTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "responders";
    private const string Service = "responders-checkout";

    [Fact]
    public async Task AnSreDeclaresAnIncidentTakesARoleAddsANoteAndSeesTheTimelineRefreshItself()
    {
        using var api = app.Api();
        var yaml = $$"""
            apiVersion: unyo.dev/v1
            kind: Team
            metadata: { name: {{Team}} }
            ---
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: { name: {{Service}}, team: {{Team}} }
            spec: { tier: 1 }
            """;
        (await api.PostAsJsonAsync("api/v1/apply", new { files = new[] { new { name = "incidents.yaml", content = yaml } } })).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync("/incidents");
        await page.GetByRole(AriaRole.Link, new() { Name = "Declare an incident" }).ClickAsync();
        await page.Locator("#title").FillAsync("Checkout fails for EU card payments <b>now</b>");
        await page.Locator("input[name=Severity][value='2']").CheckAsync();
        await page.Locator("#services").FillAsync(Service);
        await page.Locator("#summary").FillAsync("Card payments **fail** with a 502 from the PSP.");
        await UnyoApp.ScreenshotAsync(page, "incident-declare");
        await page.GetByRole(AriaRole.Button, new() { Name = "Declare" }).ClickAsync();

        await Expect(page.Locator("h1")).ToContainTextAsync("Checkout fails for EU card payments <b>now</b>");
        await Expect(page.Locator("h1 .sev")).ToHaveTextAsync("SEV2");
        await Expect(page.Locator(".incident-roles")).ToContainTextAsync(UnyoApp.AdminEmail);
        await page.Locator("tr", new() { HasText = "Scribe" }).GetByRole(AriaRole.Button, new() { Name = "Take this role" }).ClickAsync();
        await page.Locator("#note-text").FillAsync("Rolled back **v42** <img src=x>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator(".incident-timeline .note strong")).ToHaveTextAsync("v42");
        await Expect(page.Locator(".incident-timeline img")).ToHaveCountAsync(0);

        // A note added elsewhere (the API) appears without reloading: the page refreshes its timeline.
        var id = page.Url.Split('/')[^1];
        (await api.PostAsJsonAsync($"api/v1/incidents/{id}/notes", new { text = "PSP confirms the fault." })).EnsureSuccessStatusCode();
        await Expect(page.Locator(".incident-timeline")).ToContainTextAsync("PSP confirms the fault.", new() { Timeout = 15000 });
        await page.Locator("#status").SelectOptionAsync("monitoring");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update", Exact = true }).ClickAsync();
        await Expect(page.Locator(".milestones")).ToContainTextAsync("after detection");
        await UnyoApp.ScreenshotAsync(page, "incident-page");

        await page.GotoAsync("/incidents");
        await Expect(page.Locator("table.incidents")).ToContainTextAsync("SEV2");
        await UnyoApp.ScreenshotAsync(page, "incidents");
    }
}
