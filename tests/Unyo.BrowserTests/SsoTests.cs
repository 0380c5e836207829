using System.Text.RegularExpressions;
using Unyo.TestOidc;

namespace Unyo.BrowserTests;

public sealed class SsoTests(UnyoApp app)
{
    [Fact]
    public async Task APersonSignsInWithTheProviderAnAdminAddedOnTheSsoPage()
    {
        await using var idp = await TestOidcProvider.StartAsync();
        idp.Interactive = true;
        idp.User = new TestUser("browser-sub-1", "sam@example.com", "Sam Reliability", ["sre"]);
        var team = "sso-browser-team";
        (await app.Api().PostAsync("api/v1/teams", new StringContent($$"""{"name":"{{team}}"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        await using var adminContext = await app.NewContextAsync();
        var admin = await app.SignedInPageAsync(adminContext);
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Single sign-on" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Single sign-on", Level = 1 })).ToBeVisibleAsync();
        await UnyoApp.ScreenshotAsync(admin, "sso-empty");
        // The form starts folded once any provider exists (another test on this shared server may have added one).
        var form = admin.Locator("details.form-card");
        if (await form.GetAttributeAsync("open") is null)
        {
            await form.Locator("summary").ClickAsync();
        }
        await admin.Locator("#idp-name").FillAsync("corp");
        await admin.Locator("#idp-display").FillAsync("Corporate SSO");
        await admin.Locator("#idp-issuer").FillAsync(idp.Issuer);
        await admin.Locator("#idp-client").FillAsync(idp.ClientId);
        await admin.Locator("#idp-secret").FillAsync(idp.ClientSecret!);
        await admin.Locator("#idp-mappings").FillAsync($"sre -> member, team:{team}");
        await admin.Locator("#idp-jit").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add provider" }).ClickAsync();

        await Expect(admin).ToHaveURLAsync(new Regex("/sso/corp\\?created=1$"));
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Added.");
        await Expect(admin.Locator("code.token-secret")).ToHaveTextAsync(new Uri(app.BaseAddress, "/signin/sso/corp/callback").ToString());
        Assert.DoesNotContain(idp.ClientSecret!, await admin.ContentAsync(), StringComparison.Ordinal);
        await UnyoApp.ScreenshotAsync(admin, "sso-provider");
        await admin.GotoAsync("/sso");
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Corporate SSO" })).ToBeVisibleAsync();
        await UnyoApp.ScreenshotAsync(admin, "sso-admin");

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/teams");
        await UnyoApp.ScreenshotAsync(page, "signin-sso");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Corporate SSO" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue as Sam Reliability" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/teams$"));
        await Expect(page.Locator(".who")).ToContainTextAsync("Sam Reliability");
        await Expect(page.Locator(".who .role")).ToHaveTextAsync("member");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(team);
    }

    [Fact]
    public async Task ARefusedSignInExplainsOnTheSignInPage()
    {
        await using var idp = await TestOidcProvider.StartAsync();
        idp.User = new TestUser("browser-sub-2", "stranger@example.com", "Stranger", []);
        var name = "strict-idp";
        var body = $$"""{"name":"{{name}}","displayName":"Strict IdP","issuer":"{{idp.Issuer}}","clientId":"{{idp.ClientId}}","clientSecret":"{{idp.ClientSecret}}"}""";
        (await app.Api().PostAsync("api/v1/sso/providers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Strict IdP" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?sso=no-account$"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("There is no Unyo account for this email. Ask an admin to add you.");
        await UnyoApp.ScreenshotAsync(page, "signin-sso-refused");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "unyo.session");
    }
}
