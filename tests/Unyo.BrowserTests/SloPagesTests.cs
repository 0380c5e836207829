using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Features.Telemetry.PrometheusSource;

namespace Unyo.BrowserTests;

public sealed class SloPagesTests(UnyoApp app)
{
    [Fact]
    public async Task AnSloDefinedThroughTheApiShowsOnTheListTheServiceAndItsOwnPage()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = "storefront" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/services", new { name = "checkout-web", team = "storefront", tier = 1 })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/slis", new { name = "checkout-web-latency", service = "checkout-web", kind = "latency", latencyThresholdMs = 300, description = "Checkout pages answered within 300 ms." })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/slos", new { name = "checkout-web-fast", displayName = "Checkout is fast", service = "checkout-web", sli = "checkout-web-latency", objective = 99.9, window = "30d" })).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GetByRole(AriaRole.Link, new() { Name = "SLOs", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/slos$"));
        var row = page.Locator("tr").Filter(new() { HasText = "checkout-web-fast" });
        await Expect(row).ToContainTextAsync("checkout-web");
        await Expect(row).ToContainTextAsync("99.9%");
        await Expect(row).ToContainTextAsync("rolling 30d");
        await Expect(row).ToContainTextAsync("checkout-web-latency");

        await page.GotoAsync("/services/checkout-web");
        var section = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "SLOs", Exact = true }) });
        await section.GetByRole(AriaRole.Link, new() { Name = "checkout-web-fast" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/slos/checkout-web-fast$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Checkout is fast");
        var definition = page.Locator("section.slo-definition");
        await Expect(definition).ToContainTextAsync("rolling 30 days");
        await Expect(definition).ToContainTextAsync("0.1% of events");
        await Expect(definition).ToContainTextAsync("latency: good when answered within 300 ms");
        await Expect(definition).ToContainTextAsync("Workbook's multi-window, multi-burn-rate defaults");
        // The Workbook's thresholds for a 30-day window: 14.4, 6, 3 and 1.
        await Expect(definition.Locator("table.alert-rules tbody tr td:last-child")).ToHaveTextAsync(["14.4×", "6×", "3×", "1×"]);
        await UnyoApp.ScreenshotAsync(page, "slo-page");
    }

    [Fact]
    public async Task EventsSentToTheIngestEndpointShowAsBudgetOnTheSloPage()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = "journal-team" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/services", new { name = "journal", team = "journal-team", tier = 1 })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/slis", new { name = "journal-writes", service = "journal" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/slos", new { name = "journal-available", displayName = "Journal writes succeed", service = "journal", sli = "journal-writes", objective = 99, window = "30d" })).EnsureSuccessStatusCode();
        // An hour of traffic, 0.5% failing: half the budget of a 99% objective spent.
        var now = TimeProvider.System.GetUtcNow();
        var events = Enumerable.Range(1, 60).Select(m => new { sli = "journal-writes", timestamp = now.AddMinutes(-m).ToString("O"), good = 995, total = 1000 });
        var sent = await api.PostAsJsonAsync("api/v1/sli-events", new { events });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, sent.StatusCode);
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        // The writer flushes within a second; the page evaluates when it loads.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await page.GotoAsync("/slos/journal-available");
            if ((await page.Locator(".figure").First.TextContentAsync())!.Contains("50%", StringComparison.Ordinal))
            {
                break;
            }
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        await Expect(page.Locator(".figure").First).ToContainTextAsync("50%");
        await Expect(page.Locator(".figure").Nth(1)).ToContainTextAsync("99.5%");
        await Expect(page.Locator(".budget-chart svg polyline")).ToHaveCountAsync(1);
        await UnyoApp.ScreenshotAsync(page, "slo-page-with-data");

        // The list shows the worker's last evaluation (once a minute), and says when there is none yet.
        await page.GotoAsync("/slos");
        await Expect(page.Locator("tr").Filter(new() { HasText = "journal-available" })).ToContainTextAsync(new Regex("50%|not evaluated yet"));
    }

    [Fact]
    public async Task AnSloWhosePrometheusSourceFailsSaysNoDataAndWhy()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = "tally-team" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/services", new { name = "tally", team = "tally-team", tier = 1 })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/slis", new
        {
            name = "tally-requests", service = "tally", source = "prometheus",
            prometheus = new { url = "http://127.0.0.1:1", good = "sum(increase(tally_ok_total[{{window}}]))", total = "sum(increase(tally_total[{{window}}]))" },
        })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/slos", new { name = "tally-available", displayName = "Tally answers", service = "tally", sli = "tally-requests", objective = 99.9, window = "30d" })).EnsureSuccessStatusCode();
        // The worker's cycle, now rather than at its next tick: the engine cannot be reached.
        await app.Services.GetRequiredService<PrometheusSourceCycle>().ReadAllAsync(TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken);
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync("/slos/tally-available");

        var reason = page.Locator(".slo-status .source-error");
        await Expect(reason).ToContainTextAsync("No data: the SLI's prometheus source is failing");
        await Expect(reason.Locator(".reason")).ToContainTextAsync("good query: cannot reach http://127.0.0.1:1");
        await Expect(page.Locator(".figure").First).ToContainTextAsync("no data");
        await Expect(page.Locator(".figure").Nth(1)).ToContainTextAsync("no data");
        await UnyoApp.ScreenshotAsync(page, "slo-page-source-error");
    }
}
