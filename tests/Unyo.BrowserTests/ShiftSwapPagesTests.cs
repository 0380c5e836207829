using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class ShiftSwapPagesTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "swap-crew";
    private const string Schedule = "swap-crew-days";
    private const string Password = "swap-pages-password-1";

    [Fact]
    public async Task SomeoneAsksForCoverOnMyShiftsAndTheAskedPersonAcceptsIntoAnOverride()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/users", new { email = "cleo@example.com", displayName = "Cleo Park", role = "member", password = Password })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/users", new { email = "dev@example.com", displayName = "Dev Shah", role = "member", password = Password })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = Team })).EnsureSuccessStatusCode();
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-3);
        (await api.PostAsJsonAsync("api/v1/schedules", new
        {
            name = Schedule, team = Team, timeZone = "UTC",
            layers = new[] { new { name = "days", users = new[] { "cleo@example.com", "dev@example.com" }, turn = "daily", start = $"{start:yyyy-MM-dd}T00:00" } },
        })).EnsureSuccessStatusCode();

        // Cleo asks Dev to take her next whole shift; the form starts filled with it.
        await using (var cleoContext = await app.NewContextAsync())
        {
            var cleo = await SignInAsync(cleoContext, "cleo@example.com");
            await cleo.GotoAsync("/my/shifts");
            var ask = cleo.Locator("details.ask-cover").First;
            await ask.Locator("summary").ClickAsync();
            await ask.GetByLabel("Who").SelectOptionAsync("dev@example.com");
            await ask.GetByLabel("Note").FillAsync("Moving house");
            await ask.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
            await Expect(cleo.Locator(".alert.ok")).ToContainTextAsync("Asked Dev Shah to cover");
            await Expect(cleo.Locator("table.swaps-from-me")).ToContainTextAsync("pending");
            await cleo.GotoAsync($"/schedules/{Schedule}");
            await Expect(cleo.Locator("table.swaps")).ToContainTextAsync("Moving house");
        }

        // Dev sees the request on his page and accepts it: the schedule has his override.
        await using var devContext = await app.NewContextAsync();
        var dev = await SignInAsync(devContext, "dev@example.com");
        await dev.GotoAsync("/my/shifts");
        var request = dev.Locator("table.swaps-to-me tbody tr");
        await Expect(request).ToContainTextAsync("Cleo Park");
        await Expect(request).ToContainTextAsync("Moving house");
        await UnyoApp.ScreenshotAsync(dev, "oncall-swap-request");
        await request.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(dev.Locator(".alert.ok")).ToContainTextAsync("Swap request accepted.");
        await Expect(dev.Locator("table.swaps-to-me")).ToContainTextAsync("accepted");

        await dev.GotoAsync($"/schedules/{Schedule}");
        await Expect(dev.Locator("table.overrides")).ToContainTextAsync("Shift swap: covers cleo@example.com");
        await Expect(dev.Locator("table.swaps")).ToHaveCountAsync(0);
        var cover = dev.Locator(".tl-shift.override");
        await Expect(cover).ToHaveCountAsync(1);
        await Expect(cover.Locator("title")).ToHaveTextAsync(new Regex("^Dev Shah \\(override\\) "));
        await UnyoApp.ScreenshotAsync(dev, "oncall-swap-accepted");
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/services").ToString());
        return page;
    }
}
