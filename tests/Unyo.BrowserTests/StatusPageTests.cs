using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Incidents;

namespace Unyo.BrowserTests;

public sealed class StatusPageTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared.
    private const string Team = "statusfolk";
    private const string Page = "statusfolk-public";

    // Until the incident page is merged, the update is published through the API the incident
    // page's section calls; the public side is what this journey proves: signed out, no script.
    [Fact]
    public async Task AnUpdatePublishedFromAnIncidentAppearsOnThePublicPageForSomeoneSignedOut()
    {
        using var api = app.Api();
        var yaml = $$"""
            apiVersion: unyo.dev/v1
            kind: Team
            metadata: { name: {{Team}} }
            ---
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: { name: {{Team}}-checkout, team: {{Team}} }
            ---
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: { name: {{Team}}-api, team: {{Team}} }
            ---
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: { name: {{Team}}-search, team: {{Team}} }
            ---
            apiVersion: unyo.dev/v1
            kind: StatusPage
            metadata: { name: {{Page}}, team: {{Team}} }
            spec:
              title: Acme status
              description: Live status of the Acme shop and its public API.
              components:
                - { service: {{Team}}-checkout, displayName: Checkout, group: Shop }
                - { service: {{Team}}-search, displayName: Search, group: Shop }
                - { service: {{Team}}-api, displayName: Public API, group: API }
            """;
        (await api.PostAsJsonAsync("api/v1/apply", new { files = new[] { new { name = "status.yaml", content = yaml } } })).EnsureSuccessStatusCode();
        var incident = await IncidentAsync($"{Team}-checkout");
        (await api.PostAsJsonAsync($"api/v1/incidents/{incident}/status-updates", new
        {
            pages = new[] { Page }, status = "investigating", title = "Checkout errors",
            message = "Some payments fail with an error. We are looking into it.",
        })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync($"api/v1/incidents/{incident}/status-updates", new
        {
            pages = new[] { Page }, status = "identified", message = "A configuration change broke card payments <b>in EU</b>; it is being rolled back.",
        })).EnsureSuccessStatusCode();

        await using var context = await app.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/status/{Page}");

        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, $"/status/{Page}").ToString());
        await Expect(page.Locator(".banner")).ToContainTextAsync("Partial outage");
        await Expect(page.Locator("article.incident").First).ToContainTextAsync("Checkout errors");
        await Expect(page.Locator("article.incident").First).ToContainTextAsync("it is being rolled back");
        // Markup in a message is text, shown as written.
        await Expect(page.Locator("article.incident .message").First).ToContainTextAsync("<b>in EU</b>");
        await Expect(page.Locator(".component")).ToHaveCountAsync(3);
        await Expect(page.Locator(".component").First).ToContainTextAsync("Partial outage");
        await Expect(page.Locator("figure.uptime svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync("declarer@example.com");
        await UnyoApp.ScreenshotAsync(page, "status-page-public");

        await page.GetByLabel("Email").FillAsync("reader@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check your inbox");

        await using var signedIn = await app.NewContextAsync();
        var admin = await app.SignedInPageAsync(signedIn);
        await admin.GotoAsync("/status-pages");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Acme status" }).ClickAsync();
        await Expect(admin.Locator("main")).ToContainTextAsync("Checkout errors");
        await Expect(admin.Locator("main")).ToContainTextAsync(UnyoApp.AdminEmail);
        await UnyoApp.ScreenshotAsync(admin, "status-page-admin");
    }

    private async Task<long> IncidentAsync(string service)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var now = TimeProvider.System.GetUtcNow();
        var incident = new Incident
        {
            Title = "Card payments failing (config push 4711)", Severity = 2, Status = IncidentStatus.Investigating, Source = "ui",
            DeclaredBy = "declarer@example.com", DeclaredAt = now, DetectedAt = now, UpdatedAt = now, Summary = "Internal: config push 4711 by Bob",
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        db.IncidentImpacts.Add(new IncidentImpact { IncidentId = incident.Id, ServiceId = db.Services.Single(s => s.Name == service).Id, AddedAt = now });
        await db.SaveChangesAsync();
        return incident.Id;
    }
}
