using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class SignInTests(UnyoApp app)
{
    [Fact]
    public async Task WrongPasswordAndUnknownEmailGetTheSameMessage()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/signin");
        Assert.Equal(200, response!.Status);
        await page.GetByLabel("Email").FillAsync(UnyoApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync("not-the-password-at-all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right.");
        await Expect(page).ToHaveURLAsync(new Regex("/signin$"));
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(UnyoApp.AdminEmail);
        await UnyoApp.ScreenshotAsync(page, "signin-wrong-password");

        await page.GetByLabel("Email").FillAsync("nobody@example.com");
        await page.GetByLabel("Password").FillAsync(UnyoApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right.");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "unyo.session");
    }

    [Fact]
    public async Task RightPasswordLandsOnServicesAndSignOutEndsTheSession()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Services", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync("Teams");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin$"));

        await page.GotoAsync("/services");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl=%2Fservices$"));
    }

    [Fact]
    public async Task SignInFollowsALocalReturnUrlOnly()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/teams");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl=%2Fteams$"));
        await SubmitAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex("/teams$"));

        await page.GotoAsync("/signin?ReturnUrl=%2F%2Fevil.example%2Fsteal");
        await SubmitAsync(page);
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/services").ToString());

        await page.GotoAsync("/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        await SubmitAsync(page);
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/services").ToString());
    }

    private static async Task SubmitAsync(IPage page)
    {
        await page.GetByLabel("Email").FillAsync(UnyoApp.AdminEmail);
        await page.GetByLabel("Password").FillAsync(UnyoApp.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
