using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class AlertPagesTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "night-crew";
    private const string Service = "night-checkout";
    private const string Runbook = "https://wiki.example.com/runbooks/night-checkout";
    private const string Summary = "Night checkout p99 latency above 2 s";

    [Fact]
    public async Task AnAlertSentToEnqueueIsOpenedFromTheInboxAcknowledgedAndResolved()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = Team })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/services", new { name = Service, team = Team, tier = 1, runbookUrl = Runbook })).EnsureSuccessStatusCode();
        var created = await api.PostAsJsonAsync("api/v1/integrations", new { name = "night-checkout-pd", service = Service, kind = "pagerduty" });
        created.EnsureSuccessStatusCode();
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        using var anonymous = new HttpClient { BaseAddress = app.BaseAddress };
        var sent = await anonymous.PostAsJsonAsync("v2/enqueue", new
        {
            routing_key = key,
            event_action = "trigger",
            dedup_key = "night-checkout-p99",
            payload = new { summary = Summary, source = "prometheus-night", severity = "critical", custom_details = new { p99 = "2.7s", region = "eu-west-1" } },
            links = new[] { new { href = "https://grafana.example.com/d/night-checkout", text = "Checkout dashboard" } },
        });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, sent.StatusCode);
        (await anonymous.PostAsJsonAsync("v2/enqueue", new
        {
            routing_key = key, event_action = "trigger", dedup_key = "night-disk",
            payload = new { summary = "Night checkout disk 80% full", source = "node-exporter", severity = "warning" },
        })).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        // The main navigation stays on one line at 1366 px, with the admin's extra links.
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var first = await nav.GetByRole(AriaRole.Link, new() { Name = "Alerts" }).BoundingBoxAsync();
        var last = await nav.GetByRole(AriaRole.Link, new() { Name = "Audit" }).BoundingBoxAsync();
        Assert.Equal(first!.Y, last!.Y);
        Assert.True(last.X + last.Width <= 1366, $"the navigation ends at {last.X + last.Width} px");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 1366, "the top bar is wider than the window");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Alerts" }).ClickAsync();
        await page.GetByLabel("Service").SelectOptionAsync(Service);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var row = page.Locator("table.alerts tbody tr").Filter(new() { HasText = Summary });
        await Expect(row).ToContainTextAsync("triggered");
        await Expect(row).ToContainTextAsync("high");
        await Expect(row).ToContainTextAsync("critical");
        await Expect(page.Locator(".alert-tabs a.tab-open .count")).ToHaveTextAsync("2");
        await UnyoApp.ScreenshotAsync(page, "alerts-inbox");

        await row.GetByRole(AriaRole.Link, new() { Name = Summary }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Summary, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".runbook a.runbook-link")).ToHaveAttributeAsync("href", Runbook);
        await Expect(page.Locator(".alert-timeline li").First).ToContainTextAsync("triggered");
        await Expect(page.Locator(".alert-details pre")).ToContainTextAsync("\"region\": \"eu-west-1\"");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Checkout dashboard" })).ToBeVisibleAsync();
        await UnyoApp.ScreenshotAsync(page, "alert-triggered");

        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/alerts/[0-9]+\\?done=acknowledge$"));
        await Expect(page.Locator(".alert.ok")).ToHaveTextAsync("Acknowledged.");
        await Expect(page.Locator(".alert-head .alert-status")).ToHaveTextAsync("acknowledged");
        await Expect(page.Locator(".alert-timeline li").Filter(new() { HasText = "acknowledged" })).ToContainTextAsync(UnyoApp.AdminEmail);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);
        await UnyoApp.ScreenshotAsync(page, "alert-acknowledged");

        // Snooze and a note, each its own small form; the note's Markdown stays text on the timeline.
        await page.GetByLabel("Snooze for").SelectOptionAsync("4 h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Snooze", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/alerts/[0-9]+\\?done=snooze$"));
        await Expect(page.Locator(".alert-timeline li.kind-snoozed")).ToContainTextAsync(UnyoApp.AdminEmail);
        await page.GetByLabel("Add a note").FillAsync("Rolled back **checkout 4.2**; <b>watching</b> p99.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator(".alert.ok")).ToHaveTextAsync("Note added to the timeline.");
        await Expect(page.Locator(".alert-timeline li.kind-note .text")).ToHaveTextAsync("Rolled back **checkout 4.2**; <b>watching</b> p99.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator(".alert.error")).ToContainTextAsync("Note: is required");
        await Expect(page.Locator(".alert.ok")).ToHaveCountAsync(0);
        await UnyoApp.ScreenshotAsync(page, "alert-snoozed-noted");

        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(page.Locator(".alert.ok")).ToHaveTextAsync("Resolved.");
        await Expect(page.Locator(".alert-head .alert-status")).ToHaveTextAsync("resolved");
        await Expect(page.Locator(".alert-timeline li").Filter(new() { HasText = "resolved" })).ToContainTextAsync(UnyoApp.AdminEmail);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resolve" })).ToHaveCountAsync(0);
        await UnyoApp.ScreenshotAsync(page, "alert-resolved");

        await page.GotoAsync($"/services/{Service}");
        var section = page.Locator("section.service-alerts");
        await Expect(section).ToContainTextAsync("Night checkout disk 80% full");
        await Expect(section).Not.ToContainTextAsync(Summary);
        await section.ScreenshotAsync(new() { Path = Path.Combine(UnyoApp.ScreenshotDirectory, "alerts-service-section.png") });
    }
}
