using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Unyo.BrowserTests;

public sealed class SlaPagesTests(UnyoApp app)
{
    [Fact]
    public async Task TheSlaReportShowsEachSloAgainstItsObjectiveAndTheSloPageItsMonths()
    {
        using var api = app.Api();
        (await api.PostAsJsonAsync("api/v1/teams", new { name = "sla-books" })).EnsureSuccessStatusCode();
        foreach (var service in new[] { "sla-ledger", "sla-invoices" })
        {
            (await api.PostAsJsonAsync("api/v1/services", new { name = service, team = "sla-books", tier = 1 })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("api/v1/slis", new { name = $"{service}-ok", service })).EnsureSuccessStatusCode();
        }
        (await api.PostAsJsonAsync("api/v1/slos", new { name = "sla-ledger-writes", displayName = "Ledger writes succeed", service = "sla-ledger", sli = "sla-ledger-ok", objective = 99.9, window = "30d" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/slos", new { name = "sla-invoices-sent", displayName = "Invoices go out", service = "sla-invoices", sli = "sla-invoices-ok", objective = 99.5, window = "30d" })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/slos", new { name = "sla-invoices-fast", service = "sla-invoices", sli = "sla-invoices-ok", objective = 99, window = "30d", budgeting = "timeslices", timeSliceTarget = 99.99, timeSliceWindow = "5m" })).EnsureSuccessStatusCode();
        var month = await SendEventsAsync(api);

        // The month worker counts new SLOs at its next run (every five minutes); run it now.
        await app.CountSloMonthsAsync();
        await using var context = await app.NewContextAsync(javaScript: false);
        var page = await app.SignedInPageAsync(context);

        await UnyoApp.NavigateAsync(page, "SLA");
        await Expect(page).ToHaveURLAsync(new Regex("/sla$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SLA report", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Month", new() { Exact = true })).ToHaveValueAsync(month);
        var ledger = Row(page, "sla-ledger-writes");
        await Expect(ledger).ToContainTextAsync("Ledger writes succeed");
        await Expect(ledger.Locator("td.attainment")).ToHaveTextAsync("99.95%");
        await Expect(ledger).ToContainTextAsync("99.9%");
        await Expect(ledger.Locator(".sla-result")).ToHaveTextAsync("met");
        await Expect(ledger).ToContainTextAsync("50%");
        var invoices = Row(page, "sla-invoices-sent");
        await Expect(invoices.Locator("td.attainment")).ToHaveTextAsync("99.2%");
        await Expect(invoices.Locator(".sla-result")).ToHaveTextAsync("missed");
        await Expect(invoices).ToContainTextAsync("160%");
        // Time slices: no 5-minute slice reached 99.99% good.
        await Expect(Row(page, "sla-invoices-fast").Locator(".sla-result")).ToHaveTextAsync("missed");

        // Worst attainment first: the time-slice SLO, then invoices, then the ledger.
        await page.GetByRole(AriaRole.Link, new() { Name = "Attainment" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=attainment"));
        var order = await page.Locator("tbody tr td:first-child a").AllTextContentsAsync();
        var ours = order.Where(n => n.StartsWith("sla-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["sla-invoices-fast", "sla-invoices-sent", "sla-ledger-writes"], ours);

        // One service only, and its CSV: what the download link serves.
        await invoices.GetByRole(AriaRole.Link, new() { Name = "sla-invoices", Exact = true }).ClickAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        var csvLink = page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" });
        await Expect(csvLink).ToHaveAttributeAsync("href", $"/api/v1/sla-report?month={month}&format=csv&service=sla-invoices");
        var csv = await page.APIRequest.GetAsync((await csvLink.GetAttributeAsync("href"))!);
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        var lines = (await csv.TextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("slo,display_name,service,team,", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        await UnyoApp.ScreenshotAsync(page, "sla-report-service");

        // The month picker: the month before these SLOs were created, when their SLIs had no data,
        // leaves them out; the next-month link comes back.
        await page.GotoAsync("/sla");
        await UnyoApp.ScreenshotAsync(page, "sla-report");
        var previous = DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await page.GetByLabel("Month", new() { Exact = true }).FillAsync(previous);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"month={previous}"));
        await Expect(Row(page, "sla-ledger-writes")).ToHaveCountAsync(0);
        await UnyoApp.ScreenshotAsync(page, "sla-report-previous");
        await page.GetByRole(AriaRole.Link, new() { Name = $"{month} →" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"month={month}"));

        // The SLO page: the same month, month by month.
        await Row(page, "sla-ledger-writes").GetByRole(AriaRole.Link, new() { Name = "sla-ledger-writes" }).ClickAsync();
        var months = page.Locator("section.slo-months");
        await Expect(months.GetByRole(AriaRole.Heading, new() { Name = "Month by month" })).ToBeVisibleAsync();
        // A new SLO on a new SLI: only this month; the months before it had no data.
        await Expect(months.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(months).ToContainTextAsync("Earlier months have no data");
        var current = months.Locator("tbody tr").First;
        await Expect(current).ToContainTextAsync(month);
        await Expect(current.Locator("td.attainment")).ToHaveTextAsync("99.95%");
        await Expect(current.Locator(".sla-result")).ToHaveTextAsync("met");
        await Expect(months.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("href", new Regex("^/api/v1/slos/sla-ledger-writes/sla-report\\?from=.*&format=csv$"));
        await UnyoApp.ScreenshotAsync(page, "slo-months");
    }

    private static ILocator Row(IPage page, string slo) =>
        page.Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = slo, Exact = true }) });

    // Twenty minutes of events in the current UTC month, sent as ingest receives them, and read
    // back until the writer has flushed them. Returns the month (YYYY-MM).
    private static async Task<string> SendEventsAsync(HttpClient api)
    {
        var now = TimeProvider.System.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        if (now - monthStart < TimeSpan.FromMinutes(22))
        {
            // A month that began minutes ago has no room for twenty whole minutes yet.
            await Task.Delay(TimeSpan.FromMinutes(22) - (now - monthStart), TestContext.Current.CancellationToken);
            now = TimeProvider.System.GetUtcNow();
        }
        var minutes = Enumerable.Range(1, 20).Select(m => now.AddMinutes(-m).ToString("O", CultureInfo.InvariantCulture)).ToList();
        // Ledger: 0.05% bad (half its budget); invoices: 0.8% bad (160% of its budget).
        var events = minutes.Select(t => new { sli = "sla-ledger-ok", timestamp = t, good = 1999, total = 2000 })
            .Concat(minutes.Select(t => new { sli = "sla-invoices-ok", timestamp = t, good = 992, total = 1000 }));
        var sent = await api.PostAsJsonAsync("api/v1/sli-events", new { events });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, sent.StatusCode);
        var month = now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var report = await api.GetFromJsonAsync<Report>($"api/v1/slos/sla-invoices-sent/sla-report?from={month}&to={month}");
            if (report!.Months[0].Total == 20_000 && (await api.GetFromJsonAsync<Report>($"api/v1/slos/sla-ledger-writes/sla-report?from={month}&to={month}"))!.Months[0].Total == 40_000)
            {
                return month;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        throw new InvalidOperationException("The events did not reach the minute buckets.");
    }

    private sealed record Report(List<ReportMonth> Months);

    private sealed record ReportMonth(long Total);
}
