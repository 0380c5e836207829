using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Client;
using Unyo.Features.Accounts;
using Unyo.Features.Accounts.Mfa;

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

    [Fact]
    public async Task AnAdminSeesWhoHasASecondFactorAndResetsOneAfterConfirming()
    {
        var email = $"erin-{Guid.NewGuid():N}"[..13] + "@example.test";
        await EnrolledPersonAsync(email);
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        await page.GotoAsync("/people");
        var row = page.Locator("tbody tr").Filter(new() { HasText = email });
        await Expect(row.Locator(".second-factor")).ToContainTextAsync("on");
        // Nothing happens until the confirmation is opened and its button pressed.
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Reset second factor of {email}" })).Not.ToBeVisibleAsync();

        await row.GetByText("Reset…").ClickAsync();
        await Expect(row.GetByText("Their authenticator and recovery codes stop working")).ToBeVisibleAsync();
        await UnyoApp.ScreenshotAsync(page, "people-reset-second-factor");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Reset second factor of {email}" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Reset the second factor of {email}");
        await Expect(row.Locator(".second-factor")).ToHaveTextAsync("off");
        await Expect(row.GetByText("Reset…")).ToHaveCountAsync(0);
        await UnyoApp.ScreenshotAsync(page, "people-second-factor-reset");
    }

    // A member with a confirmed authenticator, set up over the API with a token of their own.
    private async Task EnrolledPersonAsync(string email)
    {
        using var admin = app.Api();
        var created = await (await admin.PostAsJsonAsync("/api/v1/users", new { email, password = "a long enough password", role = "member" })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<UserResponse>();
        using var scope = app.Services.CreateScope();
        var token = await scope.ServiceProvider.GetRequiredService<TokenIssuer>().IssueAsync(TokenOwner.Person(created!.Id), "browser", 1, TokenScope.Admin, "system", CancellationToken.None);
        using var person = new HttpClient { BaseAddress = app.BaseAddress };
        person.DefaultRequestHeaders.Authorization = new("Bearer", token.Token);
        var enrolment = await (await person.PostAsync("/api/v1/me/mfa/totp", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TotpEnrolmentResponse>();
        var code = Totp.Code(Base32.Decode(enrolment!.Secret), Totp.StepAt(TimeProvider.System.GetUtcNow()));
        (await person.PostAsJsonAsync("/api/v1/me/mfa/totp/confirm", new { code })).EnsureSuccessStatusCode();
    }
}
