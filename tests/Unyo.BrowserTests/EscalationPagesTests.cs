using System.Net.Http.Json;
using System.Text.Json;

namespace Unyo.BrowserTests;

public sealed class EscalationPagesTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "escalators";
    private const string Service = "escalators-checkout";
    private const string Policy = "escalators-pager";

    [Fact]
    public async Task AnSreSeesAPolicysLevelsTheServiceItServesAndAnAlertPagedThroughIt()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/users", new { email = "dana@example.com", displayName = "Dana Levi", role = "member", password = "dana-password-123456" })).EnsureSuccessStatusCode();
        var yaml = $$"""
            apiVersion: unyo.dev/v1
            kind: Team
            metadata: { name: {{Team}} }
            ---
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: { name: {{Service}}, team: {{Team}} }
            ---
            apiVersion: unyo.dev/v1
            kind: Schedule
            metadata: { name: {{Team}}-primary, team: {{Team}} }
            spec:
              timeZone: Asia/Tokyo
              layers:
                - name: weekly
                  users: [dana@example.com]
                  turn: weekly
                  start: 2026-01-05T09:00
            ---
            apiVersion: unyo.dev/v1
            kind: EscalationPolicy
            metadata: { name: {{Policy}}, team: {{Team}} }
            spec:
              description: Primary, then the owner
              repeat: 1
              services: [{{Service}}]
              levels:
                - escalateAfter: 10m
                  targets: [{ schedule: {{Team}}-primary }]
                - escalateAfter: 15m
                  targets: [{ user: {{UnyoApp.AdminEmail}} }]
            ---
            apiVersion: unyo.dev/v1
            kind: Integration
            metadata: { name: {{Team}}-pd, team: {{Team}} }
            spec: { service: {{Service}}, type: pagerduty }
            """;
        (await api.PostAsJsonAsync("api/v1/apply", new { files = new[] { new { name = "escalation.yaml", content = yaml } } })).EnsureSuccessStatusCode();
        var key = (await api.GetFromJsonAsync<JsonElement>($"api/v1/integrations/{Team}-pd")).GetProperty("key").GetString();
        (await api.PostAsJsonAsync("v2/enqueue", new { routing_key = key, event_action = "trigger", dedup_key = "db-down", payload = new { summary = "Checkout database down", source = "db-1", severity = "critical" } })).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync("/escalation-policies");
        await Expect(page.Locator("table.escalation-policies")).ToContainTextAsync("Dana Levi");
        await page.GetByRole(AriaRole.Link, new() { Name = Policy }).ClickAsync();
        await Expect(page.Locator(".escalation-level")).ToHaveCountAsync(2);
        await Expect(page.Locator(".escalation-level").First).ToContainTextAsync("waits 10m");
        await Expect(page.Locator(".escalation-level").First).ToContainTextAsync("Dana Levi");
        await UnyoApp.ScreenshotAsync(page, "escalation-policy");

        await page.GotoAsync($"/services/{Service}");
        await Expect(page.Locator(".service-escalation")).ToContainTextAsync(Policy);
        await page.GotoAsync("/alerts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Checkout database down" }).First.ClickAsync();
        // The engine pages level 1 within a second of the alert; the section shows it once it has.
        for (var i = 0; i < 20 && await page.Locator(".alert-escalations .escalation-pages tbody tr").CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await Expect(page.Locator(".alert-escalations")).ToContainTextAsync("Dana Levi");
        await Expect(page.Locator(".alert-escalations")).ToContainTextAsync($"schedule {Team}-primary");
        await UnyoApp.ScreenshotAsync(page, "escalation-alert");

        await page.GotoAsync("/");
        await Expect(page.Locator(".home-oncall")).ToContainTextAsync($"{Team}-primary");
    }
}
