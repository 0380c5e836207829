using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class NotificationChannelTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "lantern-crew";
    private const string Channel = "lantern-chat";

    [Fact]
    public async Task ATeamAddsASlackChannelInTheFormAndSendsATestThatArrives()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = Team })).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync("api/v1/check-settings", new { allowedTargets = new[] { "127.0.0.1" } })).EnsureSuccessStatusCode();
        await using var receiver = await HookReceiver.StartAsync();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync("/notification-channels");
        await page.GetByRole(AriaRole.Link, new() { Name = "New channel" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Slack" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(Channel);
        await page.GetByLabel("Owning team").SelectOptionAsync(Team);
        await page.GetByLabel("Webhook URL").FillAsync("ftp://hooks.example/x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create channel" }).ClickAsync();

        // Refused next to the field; the secret is not echoed back into the page.
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("Nothing was saved.");
        await Expect(page.Locator(".field-error")).ToContainTextAsync("http:// or https:// URL");
        await Expect(page.GetByLabel("Webhook URL")).ToHaveValueAsync("");
        await page.GetByLabel("Webhook URL").FillAsync($"{receiver.Url}services/T1/B1/secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create channel" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync($"Channel {Channel} created");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open the channel" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/notification-channels/{Channel}/edit$"));
        await Expect(page.GetByLabel("Webhook URL")).ToHaveAttributeAsync("placeholder", "unchanged");
        await Expect(page.GetByLabel("Use")).ToHaveValueAsync("chat");
        await UnyoApp.ScreenshotAsync(page, "notification-channel-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();

        await Expect(page.Locator(".test-outcome")).ToContainTextAsync("Delivered");
        await Expect(page.Locator(".test-outcome")).ToContainTextAsync("status 200");
        await UnyoApp.ScreenshotAsync(page, "notification-channel-test");
        Assert.Contains(receiver.Bodies, b => b.Contains($"Test notification for channel {Channel}", StringComparison.Ordinal));
        Assert.DoesNotContain("B1/secret", await page.ContentAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/notification-channels");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Channels", IncludeHidden = true })).ToHaveClassAsync(new Regex("active"));
        var row = page.Locator("tr").Filter(new() { HasText = Channel });
        await Expect(row).ToContainTextAsync("Slack");
        await Expect(row).ToContainTextAsync("chat");
        await UnyoApp.ScreenshotAsync(page, "notification-channels");
    }
}
