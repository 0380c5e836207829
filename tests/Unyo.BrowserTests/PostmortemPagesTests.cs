using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Incidents;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;

namespace Unyo.BrowserTests;

public sealed class PostmortemPagesTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "learners";
    private const string Service = "learners-checkout";

    [Fact]
    public async Task AnSreWritesAPostmortemFromAnIncidentPreviewsItAndSeesItsActionItemOnTheServicePage()
    {
        using var api = app.Api();
        var yaml = $$"""
            apiVersion: unyo.dev/v1
            kind: Team
            metadata: { name: {{Team}} }
            ---
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: { name: {{Service}}, team: {{Team}} }
            spec: { tier: 1 }
            """;
        (await api.PostAsJsonAsync("api/v1/apply", new { files = new[] { new { name = "learners.yaml", content = yaml } } })).EnsureSuccessStatusCode();
        var incident = await SeedIncidentAsync();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await UnyoApp.NavigateAsync(page, "Postmortems");
        await page.GetByLabel("Incident").SelectOptionAsync(incident.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Write the postmortem" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Postmortem: Checkout payments failing");
        await Expect(page.GetByLabel("1. Timeline")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Rolled back the payment client"));
        await page.GetByLabel("1. What happened").FillAsync("A **config change** to the payment client doubled its timeout.\n\n<script>alert('x')</script>");
        await page.GetByLabel("2. Users affected").FillAsync("About 8% of checkouts failed for an hour");
        await page.GetByLabel("3. Contributing factors (one a line)").FillAsync("No canary for config changes\nTimeout alert too loose");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.Locator(".pm-preview strong").First).ToHaveTextAsync("config change");
        await Expect(page.Locator(".pm-preview")).ToContainTextAsync("<script>alert('x')</script>");
        await UnyoApp.ScreenshotAsync(page, "postmortem-editor-preview");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.Locator(".alert.ok")).ToContainTextAsync("Saved");
        await Expect(page.Locator(".pm-budgets")).ToContainTextAsync("% of the budget");
        await Expect(page.Locator("article.postmortem")).ToContainTextAsync("No canary for config changes");
        await page.GetByLabel("What").FillAsync("Add a canary stage for payment config");
        await page.GetByLabel("Owner (email)").FillAsync(UnyoApp.AdminEmail);
        await page.GetByLabel("Due").FillAsync(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Priority").SelectOptionAsync("P1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add action item" }).ClickAsync();
        await Expect(page.Locator(".pm-item-table tr.overdue")).ToContainTextAsync("Add a canary stage for payment config");
        await Expect(page.Locator(".page-head .meta")).ToContainTextAsync("not complete");
        await UnyoApp.ScreenshotAsync(page, "postmortem-page");

        await page.GotoAsync("/postmortems?q=payments");
        await Expect(page.Locator("table.postmortems tbody tr")).ToContainTextAsync("1 overdue");
        await UnyoApp.ScreenshotAsync(page, "postmortem-list");

        await page.GotoAsync($"/services/{Service}");
        await Expect(page.Locator(".service-action-items")).ToContainTextAsync("Add a canary stage for payment config");
        await UnyoApp.ScreenshotAsync(page, "postmortem-service-page");
    }

    // Incidents are rows until the incidents pages are merged: a resolved SEV2 on the service,
    // with an SLO whose minutes show the hour it burned.
    private async Task<long> SeedIncidentAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var now = TimeProvider.System.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var (detected, resolved) = (minute.AddHours(-3), minute.AddHours(-2));
        var service = db.Services.Single(s => s.Name == Service);
        var sli = new Sli { Id = Guid.NewGuid(), Name = "learners-availability", ServiceId = service.Id, Kind = SliKind.Ratio, Source = SliSource.Native, CreatedAt = now, UpdatedAt = now };
        var slo = new Slo
        {
            Id = Guid.NewGuid(), Name = "learners-checkout-availability", DisplayName = "Checkout availability", ServiceId = service.Id, SliId = sli.Id,
            ObjectivePercent = 99.5, RollingDays = 7, Budgeting = BudgetingMethod.Occurrences, CreatedAt = now, UpdatedAt = now,
        };
        db.AddRange(sli, slo);
        for (var at = minute.AddHours(-8); at < minute; at = at.AddMinutes(1))
        {
            var bad = at >= detected && at < resolved ? 4 : 0;
            db.SliMinutes.Add(new SliMinute { SliId = sli.Id, Minute = SliMinute.Of(at), Good = 500 - bad, Total = 500 });
        }
        var incident = new Incident
        {
            Title = "Checkout payments failing", Severity = 2, Status = IncidentStatus.Resolved, Source = "ui", DeclaredBy = UnyoApp.AdminEmail,
            DeclaredAt = detected, DetectedAt = detected, AcknowledgedAt = detected.AddMinutes(4), ResolvedAt = resolved, UpdatedAt = resolved,
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        db.IncidentImpacts.Add(new IncidentImpact { IncidentId = incident.Id, ServiceId = service.Id, AddedAt = detected });
        db.IncidentTimeline.AddRange(
            new IncidentTimelineEntry { IncidentId = incident.Id, At = detected, Kind = IncidentTimelineKind.Declared, Actor = UnyoApp.AdminEmail, Text = "Declared SEV2: Checkout payments failing" },
            new IncidentTimelineEntry { IncidentId = incident.Id, At = detected.AddMinutes(25), Kind = IncidentTimelineKind.Note, Actor = UnyoApp.AdminEmail, Text = "Rolled back the payment client config" },
            new IncidentTimelineEntry { IncidentId = incident.Id, At = resolved, Kind = IncidentTimelineKind.Status, Actor = UnyoApp.AdminEmail, Text = "Resolved" });
        await db.SaveChangesAsync();
        return incident.Id;
    }
}
