using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Notifications;
using Unyo.Hosting;

namespace Unyo.BrowserTests;

public sealed class AlertingPagesTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "hush-crew";
    private const string Service = "hush-web";
    private const string Pager = "hush-pager";
    private const string Chat = "hush-chat";

    [Fact]
    public async Task ASilenceIsMadeFromPrefilledMatchersThenExpiredAndARouteIsMadeAndPreviewed()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = Team })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/services", new { name = Service, team = Team, tier = 2 })).EnsureSuccessStatusCode();
        await AddChannelAsync(Pager, ChannelUse.Paging);
        await AddChannelAsync(Chat, ChannelUse.Chat);
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        // The alert page's "Silence" link.
        await page.GotoAsync($"/silences/new?matcher=service%3D%22{Service}%22&matcher=alertname%3D~%22High.*%22");
        await Expect(page.GetByLabel("Matchers")).ToHaveValueAsync($"service=\"{Service}\"\nalertname=~\"High.*\"");
        await page.GetByLabel("Team").SelectOptionAsync(Team);
        await page.GetByLabel("Lasts").FillAsync("someday");
        await page.GetByLabel("Why").FillAsync("Deploying hush 2.0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create silence" }).ClickAsync();

        // Refused next to the field, with everything else as typed.
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("Nothing was saved.");
        await Expect(page.Locator(".field-error")).ToContainTextAsync("'someday' is not a duration");
        await Expect(page.GetByLabel("Matchers")).ToHaveValueAsync($"service=\"{Service}\"\nalertname=~\"High.*\"");
        await Expect(page.GetByLabel("Why")).ToHaveValueAsync("Deploying hush 2.0");
        await page.GetByLabel("Lasts").FillAsync("2h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create silence" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/silences\\?saved=silence-[0-9a-f]{8}&state=active$"));
        var row = page.Locator("table.silences tr").Filter(new() { HasText = "Deploying hush 2.0" });
        await Expect(row).ToContainTextAsync($"service=\"{Service}\"");
        await Expect(row).ToContainTextAsync(Team);
        await UnyoApp.ScreenshotAsync(page, "silences-active");
        await row.GetByRole(AriaRole.Button, new() { Name = "Expire" }).ClickAsync();
        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("Expired silence-");
        await page.GetByRole(AriaRole.Link, new() { Name = "Expired", Exact = true }).ClickAsync();
        await Expect(page.Locator("table.silences tr").Filter(new() { HasText = "Deploying hush 2.0" })).ToContainTextAsync("(expired early)");
        await UnyoApp.ScreenshotAsync(page, "silences-expired");

        await page.GotoAsync("/alert-routes");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("hush-prod-pages");
        await page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(Team);
        await page.GetByLabel("Order").FillAsync("10");
        await page.GetByLabel("Services").FillAsync(Service);
        await page.GetByLabel("Urgencies").FillAsync("high");
        await page.Locator("#matchers").FillAsync("env=~\"prod|production\"");
        await page.GetByLabel("Channels").FillAsync($"{Pager}, no-such-channel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create route" }).ClickAsync();
        await Expect(page.Locator(".field-error")).ToContainTextAsync("item 2: notification channel 'no-such-channel' does not exist.");
        await page.GetByLabel("Channels").FillAsync($"{Pager}, {Chat}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create route" }).ClickAsync();
        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("Created route hush-prod-pages.");
        await Expect(page.Locator("table.routes tr").Filter(new() { HasText = "hush-prod-pages" })).ToContainTextAsync($"services {Service}; urgency high; env=~\"prod|production\"");

        await page.GetByLabel("Service", new() { Exact = true }).FillAsync(Service);
        await page.GetByLabel("Labels").FillAsync("env=prod");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator(".preview-result")).ToContainTextAsync($"Notifies {Pager}, {Chat}.");
        await Expect(page.Locator(".route-preview li.matched")).ToContainTextAsync("hush-prod-pages: matches");
        await UnyoApp.ScreenshotAsync(page, "alert-routes");
        await page.GetByLabel("Labels").FillAsync("env=staging");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator(".preview-result")).ToContainTextAsync($"no route matched; sent to team {Team}'s paging channels");
    }

    private async Task AddChannelAsync(string name, ChannelUse use)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var now = TimeProvider.System.GetUtcNow();
        db.NotificationChannels.Add(new NotificationChannel
        {
            Id = Guid.CreateVersion7(), Name = name, TeamId = db.Teams.Single(t => t.Name == Team).Id, Kind = ChannelKind.Webhook, Use = use,
            Settings = "{}", ManagedBy = ManagedBy.Api, Revision = 1, CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    }
}
