using System.Globalization;
using System.Net.Http.Json;

namespace Unyo.BrowserTests;

public sealed class ScheduleImportPagesTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "import-crew";
    private const string Schedule = "import-crew-primary";

    [Fact]
    public async Task AnIcsFileUploadedOnTheSchedulePageBecomesAFixedLayerOnTop()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/users", new { email = "eve@example.com", displayName = "Eve Moreau", role = "member", password = "eve-password-123456" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = Team })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/schedules", new
        {
            name = Schedule, team = Team, timeZone = "Europe/London",
            layers = new[] { new { name = "weekly", users = new[] { UnyoApp.AdminEmail }, turn = "weekly", start = "2026-01-05T09:00" } },
        })).EnsureSuccessStatusCode();
        var tomorrow = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file,
            $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//browser//EN\r\nBEGIN:VEVENT\r\nUID:eve-1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{tomorrow}T080000Z\r\nDTEND:{tomorrow}T200000Z\r\nSUMMARY:Eve Moreau\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync($"/schedules/{Schedule}");
        await page.GetByLabel(".ics file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();

        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("Imported 1 shift into layer imported.");
        await Expect(page.Locator("table.layers")).ToContainTextAsync("1 fixed shift");
        await Expect(page.Locator("table.layers")).ToContainTextAsync("eve@example.com");
        await Expect(page.Locator(".tl-shift", new() { HasText = "Eve Moreau" })).ToHaveCountAsync(1);
        await UnyoApp.ScreenshotAsync(page, "oncall-ical-import");
        File.Delete(file);
    }
}
