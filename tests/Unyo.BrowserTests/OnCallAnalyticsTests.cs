using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.OnCall.Escalation;

namespace Unyo.BrowserTests;

public sealed class OnCallAnalyticsTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "noise-crew";
    private const string Service = "noise-crew-search";

    [Fact]
    public async Task AnSreSeesWhoWasWokenAndWhichAlertsAreNoiseForTheirTeam()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = Team })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/services", new { name = Service, team = Team, tier = 2 })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/users", new { email = "kenji@example.com", displayName = "Kenji Sato", role = "member", password = "kenji-password-12345" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/users", new { email = "maeve@example.com", displayName = "Maeve Byrne", role = "member", password = "maeve-password-12345" })).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync("api/v1/users/kenji@example.com/oncall-profile", new { timeZone = "Asia/Tokyo" })).EnsureSuccessStatusCode();
        (await api.PutAsJsonAsync("api/v1/users/maeve@example.com/oncall-profile", new { timeZone = "Europe/Dublin", workFrom = "08:00", workTo = "16:00" })).EnsureSuccessStatusCode();
        await SeedAsync();

        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        await page.GotoAsync("/schedules");
        await page.GetByRole(AriaRole.Link, new() { Name = "Analytics" }).ClickAsync();
        await page.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(Team);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        var people = page.Locator("table.analytics-people tbody tr");
        await Expect(people).ToHaveCountAsync(2);
        // Maeve was paged six times, Kenji five; each in their own zone.
        await Expect(people.First).ToContainTextAsync("Maeve Byrne");
        await Expect(people.Filter(new() { HasText = "Kenji Sato" })).ToContainTextAsync("Asia/Tokyo");
        await Expect(page.Locator("table.analytics-teams tbody tr")).ToContainTextAsync(Team);
        var noisy = page.Locator("table.analytics-noisy tbody tr");
        await Expect(noisy.First).ToContainTextAsync("search-latency");
        await Expect(noisy.First).ToContainTextAsync("100%");
        var csv = page.Locator("#noisy-title").Locator("xpath=..").GetByRole(AriaRole.Link, new() { Name = "CSV" });
        await Expect(csv).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"team={Team}&format=csv&table=noisy$"));
        await UnyoApp.ScreenshotAsync(page, "oncall-analytics");

        var download = await page.RunAndWaitForDownloadAsync(() => csv.ClickAsync());
        Assert.Matches("^oncall-noisy-\\d{8}-\\d{8}\\.csv$", download.SuggestedFilename);

        // The owner sets their own working hours from the page's link; no day ticked is refused.
        await page.GetByRole(AriaRole.Link, new() { Name = "Your working hours" }).ClickAsync();
        var form = page.Locator("section.working-hours");
        await Expect(form).ToContainTextAsync("Not set yet");
        await form.GetByLabel("Time zone").FillAsync("America/New_York");
        foreach (var day in new[] { "mon", "tue", "wed", "thu", "fri" })
        {
            await form.GetByRole(AriaRole.Checkbox, new() { Name = day }).UncheckAsync();
        }
        await form.GetByRole(AriaRole.Button, new() { Name = "Save working hours" }).ClickAsync();
        await Expect(page.Locator("section.working-hours .field-error")).ToContainTextAsync("needs at least one day");
        await page.Locator("section.working-hours").GetByRole(AriaRole.Checkbox, new() { Name = "sat" }).CheckAsync();
        await page.Locator("section.working-hours").GetByRole(AriaRole.Checkbox, new() { Name = "sun" }).CheckAsync();
        await page.Locator("section.working-hours").GetByRole(AriaRole.Button, new() { Name = "Save working hours" }).ClickAsync();
        await Expect(page.Locator("section.working-hours .alert.ok")).ToContainTextAsync("Saved: sat, sun 09:00–17:00, America/New_York.");
        var saved = await (await api.GetAsync($"api/v1/users/{UnyoApp.AdminEmail}/oncall-profile")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("America/New_York", saved.GetProperty("timeZone").GetString());
        await UnyoApp.ScreenshotAsync(page, "oncall-working-hours");
    }

    // Yesterday and the day before: pages at 15:00 UTC (midnight in Tokyo, afternoon in Dublin)
    // for a latency alert acknowledged and closed without a word, five times over.
    private async Task SeedAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var service = await db.Services.SingleAsync(s => s.Name == Service);
        var kenji = await db.Users.SingleAsync(u => u.Email == "kenji@example.com");
        var maeve = await db.Users.SingleAsync(u => u.Email == "maeve@example.com");
        var today = TimeProvider.System.GetUtcNow().UtcDateTime.Date;
        for (var i = 0; i < 5; i++)
        {
            var at = new DateTimeOffset(today.AddDays(-1 - (i % 2)).AddHours(15).AddMinutes(i * 7), TimeSpan.Zero);
            await AlertAsync(db, service.Id, "search-latency", "Search p99 above 800 ms", at, [(kenji.Id, at), (maeve.Id, at.AddMinutes(10))],
                (AlertTimelineKind.Acknowledged, 4 + i), (AlertTimelineKind.Resolved, 12 + (3 * i)));
        }
        var night = new DateTimeOffset(today.AddDays(-3).AddHours(2), TimeSpan.Zero);
        await AlertAsync(db, service.Id, "index-lag", "Indexer 20 minutes behind", night, [(maeve.Id, night)],
            (AlertTimelineKind.Acknowledged, 9), (AlertTimelineKind.Note, 15), (AlertTimelineKind.Resolved, 95));
    }

    private static async Task AlertAsync(UnyoDb db, Guid service, string key, string summary, DateTimeOffset opened,
        (Guid User, DateTimeOffset At)[] pages, params (AlertTimelineKind Kind, int Minutes)[] timeline)
    {
        var ack = timeline.First(t => t.Kind == AlertTimelineKind.Acknowledged);
        var resolved = timeline.First(t => t.Kind == AlertTimelineKind.Resolved);
        var alert = new Alert
        {
            ServiceId = service, Source = "prometheus", DedupKey = key, Summary = summary, Status = AlertStatus.Resolved, Urgency = AlertUrgency.High,
            FirstSeenAt = opened, LastSeenAt = opened, OccurrenceCount = 1,
            AcknowledgedAt = opened.AddMinutes(ack.Minutes), AcknowledgedBy = "kenji@example.com",
            ResolvedAt = opened.AddMinutes(resolved.Minutes), ResolvedBy = "kenji@example.com",
        };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        foreach (var (kind, minutes) in timeline)
        {
            db.AlertTimeline.Add(new AlertTimelineEntry { AlertId = alert.Id, At = opened.AddMinutes(minutes), Kind = kind, Actor = "kenji@example.com" });
        }
        foreach (var (user, at) in pages)
        {
            db.EscalationPages.Add(new EscalationPage { Id = Guid.CreateVersion7(), AlertId = alert.Id, UserId = user, Level = 0, Via = "user", At = at });
        }
        await db.SaveChangesAsync();
    }
}
