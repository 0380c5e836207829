using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class SessionTests(UnyoApp app)
{
    private const string Password = "session-password-123";

    [Fact]
    public async Task APersonSignsOutTheirOtherBrowserFromTheSessionsPage()
    {
        var email = $"sessions-{Guid.NewGuid():N}@example.com";
        using (var api = app.Api())
        {
            (await api.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Kai", password = Password, role = "member" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }
        await using var laptop = await app.NewContextAsync();
        await using var kiosk = await app.NewContextAsync();
        var here = await SignInAsync(laptop, email);
        var there = await SignInAsync(kiosk, email);

        await here.GotoAsync("/account");
        await here.GetByRole(AriaRole.Link, new() { Name = "Where you are signed in" }).ClickAsync();
        await Expect(here.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sessions");
        var rows = here.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Filter(new() { HasText = "this browser" })).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Chrome on Linux");
        await UnyoApp.ScreenshotAsync(here, "account-sessions");

        var other = rows.Filter(new() { HasNotText = "this browser" });
        await other.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(here.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed that session out");
        await Expect(here.Locator("tbody tr")).ToHaveCountAsync(1);

        // The other browser finds itself at the sign-in page on its next click.
        await there.GotoAsync("/services");
        await Expect(there).ToHaveURLAsync(new Regex("/signin"));
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/services$"));
        return page;
    }
}
