using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class PeopleTests(UnyoApp app)
{
    [Fact]
    public async Task AnAdminAddsAPersonChangesTheirRoleAndDisablesThem()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        await page.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "People", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Email").FillAsync("dana@example.test");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Dana");
        await page.GetByLabel("First password").FillAsync("short");
        // The browser's own minlength check would stop the post: test the server's answer.
        await page.GetByLabel("First password").EvaluateAsync("e => e.removeAttribute('minlength')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await Expect(page.Locator(".field-error")).ToContainTextAsync("at least 12 characters");
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync("dana@example.test");

        await page.GetByLabel("First password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added dana@example.test as member");
        var row = page.Locator("tbody tr").Filter(new() { HasText = "dana@example.test" });

        await row.GetByRole(AriaRole.Button, new() { Name = "Make dana@example.test viewer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("dana@example.test is viewer");
        await row.GetByRole(AriaRole.Button, new() { Name = "Disable dana@example.test" }).ClickAsync();
        await Expect(row).ToContainTextAsync("disabled");
        await UnyoApp.ScreenshotAsync(page, "people");

        await using var other = await app.NewContextAsync();
        var dana = await other.NewPageAsync();
        await dana.GotoAsync("/signin");
        await dana.GetByLabel("Email").FillAsync("dana@example.test");
        await dana.GetByLabel("Password").FillAsync("a long enough password");
        await dana.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(dana.GetByRole(AriaRole.Alert)).ToContainTextAsync("not right");
    }

    [Fact]
    public async Task RequiringTwoFactorSendsAnAdminWithoutOneToEnrolment()
    {
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        try
        {
            await page.GotoAsync("/people");
            await page.GetByLabel("Required for").SelectOptionAsync("admins");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("required for owners and admins");

            await page.GotoAsync("/services");
            await Expect(page).ToHaveURLAsync(new Regex("/account/two-factor$"));
        }
        finally
        {
            // Put the shared server back as other tests expect it; API tokens pass the gate.
            using var api = app.Api();
            (await api.PutAsJsonAsync("/api/v1/organisation/mfa-policy", new { policy = "none" })).EnsureSuccessStatusCode();
        }
    }
}
