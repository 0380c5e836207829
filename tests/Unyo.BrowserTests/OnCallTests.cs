using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class OnCallTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "pager-crew";
    private const string Schedule = "pager-crew-primary";

    [Fact]
    public async Task ATeamAppliesAWeeklyRotationAndSomeoneTakesOverThroughTheForm()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/users", new { email = "aiko@example.com", displayName = "Aiko Tanaka", role = "member", password = "aiko-password-123456" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/users", new { email = "ben@example.com", displayName = "Ben Okafor", role = "member", password = "ben-password-1234567" })).EnsureSuccessStatusCode();
        var yaml = $"""
            apiVersion: unyo.dev/v1
            kind: Team
            metadata:
              name: {Team}
            ---
            apiVersion: unyo.dev/v1
            kind: Schedule
            metadata:
              name: {Schedule}
              team: {Team}
            spec:
              timeZone: Asia/Tokyo
              layers:
                - name: weekly
                  users: [aiko@example.com, ben@example.com]
                  turn: weekly
                  start: 2026-01-05T09:00
                - name: weekday-days
                  users: [{UnyoApp.AdminEmail}]
                  turn: daily
                  start: 2026-01-05T09:00
                  restrictions:
                    - type: daily
                      from: "10:00"
                      to: "16:00"
                      days: [mon, tue, wed, thu, fri]
            """;
        (await api.PostAsJsonAsync("api/v1/apply", new { files = new[] { new { name = "oncall.yaml", content = yaml } } })).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync("/schedules");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "On-call" })).ToHaveClassAsync(new Regex("active"));
        await page.GetByRole(AriaRole.Link, new() { Name = Schedule }).ClickAsync();
        await Expect(page.Locator(".oncall-timeline .tl-row:not(.tl-hours)")).ToHaveCountAsync(14);

        // Tomorrow 20:00 to 23:00 Tokyo time, on the form's wall clock.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var tomorrow = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), tokyo).Date.AddDays(1);
        await page.GetByLabel("Who").SelectOptionAsync("ben@example.com");
        await page.GetByLabel("From").FillAsync(tomorrow.AddHours(20).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(tomorrow.AddHours(23).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Why").FillAsync("Aiko has a concert");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();

        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("Ben Okafor takes over from");
        await Expect(page.Locator("table.overrides")).ToContainTextAsync("Aiko has a concert");
        var cover = page.Locator(".tl-shift.override");
        await Expect(cover).ToHaveCountAsync(1);
        await Expect(cover.Locator("title")).ToHaveTextAsync(new Regex("^Ben Okafor \\(override\\) "));
        await UnyoApp.ScreenshotAsync(page, "oncall-schedule");

        // The owning team's services say who answers their pages.
        (await api.PostAsJsonAsync("api/v1/services", new { name = "pager-crew-web", team = Team })).EnsureSuccessStatusCode();
        await page.GotoAsync("/services/pager-crew-web");
        var section = page.Locator("section.service-oncall");
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = Schedule })).ToHaveCountAsync(1);
        await Expect(section).ToContainTextAsync(new Regex("Aiko Tanaka|Ben Okafor|Owner"));

        await page.GotoAsync("/schedules");
        await Expect(page.Locator("table.schedules")).ToContainTextAsync(Schedule);
        await UnyoApp.ScreenshotAsync(page, "oncall-schedules");

        // The owner is on the weekday layer: their shifts, and a feed URL for their calendar app.
        await page.GetByRole(AriaRole.Link, new() { Name = "My shifts" }).ClickAsync();
        await Expect(page.Locator("table.my-shifts")).ToContainTextAsync(Schedule);
        await page.GetByRole(AriaRole.Button, new() { Name = "Get a private feed URL" }).ClickAsync();
        await Expect(page.Locator("code.secret")).ToContainTextAsync("/oncall/feeds/");
        await UnyoApp.ScreenshotAsync(page, "oncall-my-shifts");
    }
}
