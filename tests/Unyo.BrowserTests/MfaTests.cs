using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Unyo.Features.Accounts.Mfa;

namespace Unyo.BrowserTests;

// The "done when" of issue 3's second factor: enrol on /account, sign in with a code, lose the
// device and sign in with a recovery code. Codes are computed here from the secret the page shows.
public sealed class MfaTests(UnyoApp app)
{
    private const string Password = "mfa-browser-password-1";

    [Fact]
    public async Task APersonEnrolsOnTheAccountPageThenSignsInWithACodeAndWithARecoveryCode()
    {
        var email = $"mfa-{Guid.NewGuid():N}"[..16] + "@example.com";
        using var api = app.Api();
        var created = await api.PostAsJsonAsync("/api/v1/users", new { email, password = Password, role = "member" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Without JavaScript: every step is a plain form.
        await using var context = await app.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await SignInWithPasswordAsync(page, email);
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/services").ToString());

        await page.GotoAsync("/account");
        var section = page.Locator("section.two-factor");
        await section.GetByRole(AriaRole.Button, new() { Name = "Set up two-factor authentication" }).ClickAsync();
        await Expect(section.Locator(".qr-code svg")).ToBeVisibleAsync();
        var secret = Base32.Decode((await section.Locator(".totp-secret").TextContentAsync())!.Trim());
        await UnyoApp.ScreenshotAsync(page, "mfa-enrol");
        var usedStep = Totp.StepAt(TimeProvider.System.GetUtcNow());
        await section.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(secret, usedStep));
        await section.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();

        await Expect(section.Locator(".alert.secret")).ToContainTextAsync("Save these recovery codes now");
        var recoveryCodes = await section.Locator(".recovery-codes li").AllTextContentsAsync();
        Assert.Equal(10, recoveryCodes.Count);
        await Expect(section.Locator(".recovery-left")).ToHaveTextAsync("10 of 10 recovery codes unused.");
        await UnyoApp.ScreenshotAsync(page, "mfa-recovery-codes");

        // A reload shows the codes no more.
        await page.GotoAsync("/account");
        await Expect(page.Locator(".recovery-codes")).ToHaveCountAsync(0);
        await SignOutAsync(page);

        await SignInWithPasswordAsync(page, email);
        await Expect(page.GetByLabel("Authentication code")).ToBeVisibleAsync();
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "unyo.session");
        await page.GetByLabel("Authentication code").FillAsync(Totp.Code(secret, usedStep));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That code is not right, or was already used.");
        await UnyoApp.ScreenshotAsync(page, "mfa-code-refused");
        await page.GetByLabel("Authentication code").FillAsync(Totp.Code(secret, usedStep + 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/services").ToString());
        await SignOutAsync(page);

        await SignInWithPasswordAsync(page, email);
        await page.GetByLabel("Authentication code").FillAsync(recoveryCodes[0].Trim());
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/services").ToString());
        await page.GotoAsync("/account");
        await Expect(page.Locator(".recovery-left")).ToHaveTextAsync("9 of 10 recovery codes unused.");
    }

    private static async Task SignInWithPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin$"));
    }
}
