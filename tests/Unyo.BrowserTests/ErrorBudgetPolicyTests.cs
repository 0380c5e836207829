using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class ErrorBudgetPolicyTests(UnyoApp app)
{
    // Names no other browser test uses: the server is shared. No organisation default here, for
    // the same reason: it would govern every other test's services.
    private const string Team = "ledger-crew";
    private const string Service = "ledger-web";
    private const string Policy = "ledger-careful";

    [Fact]
    public async Task APolicyAppliedToAServiceShowsOnItsPageAndTheGateFollowsIt()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = Team })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/services", new { name = Service, team = Team, tier = 1 })).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);
        var section = page.Locator("section.service-budget-policy");

        // Without SLOs nothing is judged: the gate says so, and the policy's rules stay off the page.
        await page.GotoAsync($"/services/{Service}");
        await Expect(section.Locator(".gate-now")).ToContainTextAsync("The service has no SLOs: nothing limits its releases.");
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = "built-in policy" })).ToHaveAttributeAsync("href", "/error-budget-policies");
        await Expect(section.Locator(".policy-words")).ToHaveCountAsync(0);

        (await api.PostAsJsonAsync("api/v1/slis", new { name = "ledger-web-writes", service = Service })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/slos", new { name = "ledger-web-available", service = Service, sli = "ledger-web-writes", objective = 99, window = "30d" })).EnsureSuccessStatusCode();
        // An hour at 0.5% errors: half the budget of a 99% objective is left.
        var now = TimeProvider.System.GetUtcNow();
        var events = Enumerable.Range(1, 60).Select(m => new { sli = "ledger-web-writes", timestamp = now.AddMinutes(-m).ToString("O"), good = 995, total = 1000 });
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync("api/v1/sli-events", new { events })).StatusCode);
        // The writer flushes within a second; the page asks the gate when it loads.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await page.GotoAsync($"/services/{Service}");
            if ((await section.TextContentAsync())!.Contains("50% of the error budget left", StringComparison.Ordinal))
            {
                break;
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        await Expect(section).ToContainTextAsync("Follows the built-in policy: no policy names this service and the organisation has no default.");
        await Expect(section.Locator(".gate-now")).ToContainTextAsync("Release gate now: allowed");
        await Expect(section.Locator(".gate-now")).ToContainTextAsync("50% of the error budget left → allow (built-in policy: allow above 25% left)");

        // The team asks for more care: warn below three quarters, freeze below 60%.
        var applied = await api.PostAsJsonAsync("api/v1/apply", new
        {
            files = new[]
            {
                new
                {
                    name = "ledger.yaml",
                    content = $"""
                        apiVersion: unyo.dev/v1
                        kind: ErrorBudgetPolicy
                        metadata:
                          name: {Policy}
                        spec:
                          description: The ledger keeps most of its budget in reserve.
                          services: [{Service}]
                          steps:
                            - remainingAtOrBelow: 75
                              decision: warn
                            - remainingAtOrBelow: 60
                              decision: freeze
                          exemptLabels: [rollback]
                        """,
                },
            },
        });
        applied.EnsureSuccessStatusCode();

        await page.ReloadAsync();
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = Policy })).ToBeVisibleAsync();
        await Expect(section).ToContainTextAsync($"Follows {Policy}, this service's own policy.");
        await Expect(section).ToContainTextAsync("With 60% of an SLO's error budget left or less, releases are frozen.");
        await Expect(section).ToContainTextAsync("Changes labelled rollback go out even when frozen");
        await Expect(section.Locator(".gate-now")).ToContainTextAsync("Release gate now: frozen");
        await Expect(section.Locator(".gate-now")).ToContainTextAsync($"→ freeze (policy '{Policy}': freeze at ≤ 60% left)");
        await Expect(section.Locator(".gate-now")).ToContainTextAsync($"unyo gate {Service} exits 1");
        await UnyoApp.ScreenshotAsync(page, "service-page-error-budget-policy");
        var gate = await (await api.GetAsync($"api/v1/services/{Service}/release-gate")).Content.ReadFromJsonAsync<GateAnswer>(TestContext.Current.CancellationToken);
        Assert.Equal(new GateAnswer(false, "freeze", Policy, "service"), gate);

        await section.GetByRole(AriaRole.Link, new() { Name = Policy }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/error-budget-policies/{Policy}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Policy);
        await Expect(page.Locator(".meta")).ToContainTextAsync($"owned by {Team}");
        await Expect(page.Locator("table.policy-steps tbody tr")).ToHaveTextAsync([new Regex("> 75%\\s*allow"), new Regex("≤ 75%\\s*warn"), new Regex("≤ 60%\\s*freeze")]);
        await Expect(page.Locator(".facts")).ToContainTextAsync("members of ledger-crew and admins (you may change it)");
        await Expect(page.Locator(".policy-words")).ToContainTextAsync("With more than 75% of every SLO's error budget left, releases go out.");
        await Expect(page.Locator(".managed")).ToHaveTextAsync("apply");
        await UnyoApp.ScreenshotAsync(page, "error-budget-policy-page");

        // The SLO list leads to the policies.
        await page.GetByRole(AriaRole.Link, new() { Name = "SLOs", Exact = true }).ClickAsync();
        await page.Locator(".page-head").GetByRole(AriaRole.Link, new() { Name = "Error-budget policies" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/error-budget-policies$"));
        var row = page.Locator("tr").Filter(new() { HasText = Policy });
        await Expect(row).ToContainTextAsync(Service);
        await Expect(row).ToContainTextAsync(Team);
        await Expect(row).ToContainTextAsync("warn at ≤ 75% left; freeze at ≤ 60% left");
        await UnyoApp.ScreenshotAsync(page, "error-budget-policies");
    }

    private sealed record GateAnswer(bool Allowed, string Decision, string? PolicyName, string PolicySource);
}
