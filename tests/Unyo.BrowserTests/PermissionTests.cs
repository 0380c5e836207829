using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class PermissionTests(UnyoApp app)
{
    [Fact]
    public async Task AMemberOutsideTheOwningTeamCannotEditAndAViewerCannotCreate()
    {
        using var api = app.Api();
        await ServiceJourneyTests.SeedTeamAsync(api, "vault");
        await ServiceJourneyTests.SeedServiceAsync(api, new { name = "vault-api", team = "vault" });
        await CreateUserAsync(api, "mo@example.com", "member");
        await CreateUserAsync(api, "vi@example.com", "viewer");

        await using (var member = await app.NewContextAsync())
        {
            var page = await SignInAsync(member, "mo@example.com");
            await page.GotoAsync("/services/vault-api");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("vault-api");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(0);

            var response = await page.GotoAsync("/services/vault-api/edit");
            Assert.Equal(403, response!.Status);
            await Expect(page.Locator("main")).ToContainTextAsync("Only members of team 'vault' (or admins) can change this service.");
        }

        await using var viewer = await app.NewContextAsync();
        var viewerPage = await SignInAsync(viewer, "vi@example.com");
        await Expect(viewerPage.GetByRole(AriaRole.Link, new() { Name = "New service" })).ToHaveCountAsync(0);
        await viewerPage.GotoAsync("/services/new");
        await Expect(viewerPage).ToHaveURLAsync(new Regex("/forbidden\\?ReturnUrl=%2Fservices%2Fnew$"));
        await Expect(viewerPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");
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

    private const string Password = "permission-tests-1";

    private static async Task CreateUserAsync(HttpClient api, string email, string role)
    {
        var response = await api.PostAsJsonAsync("/api/v1/users", new { email, password = Password, role }, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"user {email}: {response.StatusCode}");
    }
}
