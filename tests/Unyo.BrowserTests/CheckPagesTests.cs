using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Checks;
using Unyo.Features.Telemetry;

namespace Unyo.BrowserTests;

// The pages of synthetic checks, against the shared server with its real scheduler and workers.
public sealed class CheckPagesTests(UnyoApp app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task AHeartbeatMadeInTheFormGoesUpWhenPingedAndShowsPausedOncePaused()
    {
        var (_, service) = await ServiceAsync("nightly");
        var name = Unique("backup");
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GetByRole(AriaRole.Link, new() { Name = "Checks", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/checks$"));
        await page.Locator("a.button.primary", new() { HasText = "New check" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Service").SelectOptionAsync(service);
        await page.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync("heartbeat");
        // Only the chosen type's fields show: the HTTP URL and the interval are hidden for a heartbeat.
        await Expect(page.GetByLabel("URL", new() { Exact = true })).ToBeHiddenAsync();
        await Expect(page.GetByLabel("Interval")).ToBeHiddenAsync();
        await page.GetByLabel("Period").FillAsync("30s");
        await page.GetByLabel("Grace").FillAsync("10m");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create check" }).ClickAsync();

        // Refused by the shared validator: the error sits by the period, and what was typed stays.
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was saved");
        var period = page.Locator("div").Filter(new() { Has = page.Locator("#heartbeat-period") }).Last;
        await Expect(period.Locator(".field-error")).ToHaveTextAsync("must be between 1m and 31d (got 30s).");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);
        await Expect(page.GetByLabel("Type", new() { Exact = true })).ToHaveValueAsync("heartbeat");
        await Expect(page.GetByLabel("Grace")).ToHaveValueAsync("10m");
        await UnyoApp.ScreenshotAsync(page, "check-form-error");

        await page.GetByLabel("Period").FillAsync("1h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create check" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/checks/{name}\\?done=created$"));
        await Expect(page.Locator("h1 .check-status")).ToHaveTextAsync("pending");
        var pingUrl = (await page.Locator(".ping-url").TextContentAsync())!.Trim();
        Assert.Matches($"^{Regex.Escape(app.BaseAddress.ToString())}ping/[A-Za-z0-9_-]+$", pingUrl);
        await Expect(page.Locator(".curl-examples")).ToContainTextAsync($"curl -fsS -m 10 --retry 3 {pingUrl}/start");
        await Expect(page.Locator(".check-slo-hint pre")).ToContainTextAsync($"check: {name}");

        using (var job = new HttpClient())
        {
            var ping = await job.GetAsync(pingUrl, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        }
        await ReloadUntilAsync(page, $"/checks/{name}", page.Locator("h1 .check-status"), "up");
        await Expect(page.Locator(".check-state .reason")).ToHaveTextAsync("ping received");
        await Expect(page.Locator(".timeline li").First).ToContainTextAsync("pending → up");
        await Expect(page.Locator(".uptime-figures .figure").First).ToContainTextAsync("100%");
        await UnyoApp.ScreenshotAsync(page, "check-heartbeat-up");

        await page.GotoAsync($"/checks?service={service}");
        var row = page.Locator("table.checks tr").Filter(new() { HasText = name });
        await Expect(row.Locator(".check-status")).ToHaveTextAsync("up");
        await Expect(row).ToContainTextAsync("heartbeat every 1h (+10m grace)");
        await Expect(row).ToContainTextAsync("100%");

        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/checks/{name}\\?done=paused$"));
        await Expect(page.Locator("h1 .check-status")).ToHaveTextAsync("paused");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume" })).ToBeVisibleAsync();
        await UnyoApp.ScreenshotAsync(page, "check-heartbeat-paused");

        await page.GotoAsync($"/checks?status=paused&service={service}");
        await Expect(page.Locator("table.checks tr").Filter(new() { HasText = name }).Locator(".check-status")).ToHaveTextAsync("paused");
        await page.GotoAsync($"/services/{service}");
        var section = page.Locator("section.service-checks");
        await Expect(section.Locator("tr").Filter(new() { HasText = name }).Locator(".check-status")).ToHaveTextAsync("paused");
    }

    [Fact]
    public async Task AnHttpCheckPageShowsItsResultsLatencyAndTheOutageItSaw()
    {
        await using var target = await TargetSite.StartAsync();
        var (_, service) = await ServiceAsync("storefront");
        var name = Unique("home");
        using var api = app.Api();
        (await api.PutAsJsonAsync("api/v1/check-settings", new { allowedTargets = new[] { "127.0.0.1" } })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/checks", new
        {
            name, service, type = "http", interval = "10s", timeout = "5s", downAfter = 1,
            description = "Buyers cannot open the shop.",
            http = new { url = target.Url.ToString(), headers = new Dictionary<string, string> { ["X-Probe"] = "unyo" }, followRedirects = false, maxResponseKb = 64 },
        })).EnsureSuccessStatusCode();

        // The real scheduler runs it within one 10 s interval; then the target breaks.
        await WaitForAsync(api, name, "up");
        target.Status = 500;
        await WaitForAsync(api, name, "down");
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync($"/checks/{name}");
        await Expect(page.Locator("h1 .check-status")).ToHaveTextAsync("down");
        await Expect(page.Locator(".check-state .reason")).ToContainTextAsync("500");
        await Expect(page.Locator("p.description")).ToHaveTextAsync("Buyers cannot open the shop.");
        await Expect(page.Locator(".timeline li").First).ToContainTextAsync("up → down");
        await Expect(page.Locator(".timeline li").Last).ToContainTextAsync("pending → up");
        await Expect(page.Locator(".latency-chart svg polyline.p95, .latency-chart svg circle.p95").First).ToBeAttachedAsync();
        await Expect(page.Locator(".latency-chart svg rect.down").First).ToBeAttachedAsync();
        var results = page.Locator("table.results tbody tr");
        await Expect(results.First.Locator(".check-status")).ToHaveTextAsync("down");
        await Expect(results.Last.Locator(".check-status")).ToHaveTextAsync("up");
        var details = results.First.Locator("details.result-details");
        await details.Locator("summary").ClickAsync();
        await Expect(details.Locator("dl")).ToContainTextAsync("statusCode");
        await Expect(details.Locator("dl")).ToContainTextAsync("500");
        await Expect(page.Locator(".check-definition details.yaml pre")).ToContainTextAsync($"url: {target.Url}");
        await Expect(page.Locator(".heartbeat-ping")).ToHaveCountAsync(0);
        var uptime = await page.Locator(".uptime-figures .figure strong").First.TextContentAsync();
        Assert.Matches(@"^\d{1,2}(\.\d+)?%$", uptime);
        await UnyoApp.ScreenshotAsync(page, "check-http-down");

        // The edit form starts from what is stored and refuses a timeout as long as the interval.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await Expect(page.GetByLabel("URL", new() { Exact = true })).ToHaveValueAsync(target.Url.ToString());
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync("Buyers cannot open the shop.");
        await Expect(page.GetByLabel("Down after")).ToHaveValueAsync("1");
        await Expect(page.GetByLabel("Period")).ToBeHiddenAsync();
        await page.GetByLabel("Interval").FillAsync("20s");
        await page.GetByLabel("Timeout").FillAsync("20s");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        var timeout = page.Locator("div").Filter(new() { Has = page.Locator("#timeout") }).Last;
        await Expect(timeout.Locator(".field-error")).ToHaveTextAsync("must be shorter than the interval (20s), or runs would overlap.");
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);
        await UnyoApp.ScreenshotAsync(page, "check-form-http");
        // Then refused by the catalog, which knows the locations: the error names the line's item.
        await Expect(page.GetByLabel("Locations")).ToHaveValueAsync("local");
        await page.GetByLabel("Timeout").FillAsync("4s");
        await page.GetByLabel("Locations").FillAsync("local, mars");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        var locations = page.Locator("div").Filter(new() { Has = page.Locator("#locations") }).Last;
        await Expect(locations.Locator(".field-error")).ToContainTextAsync("item 2: location 'mars' does not exist");
        await Expect(page.GetByLabel("Timeout")).ToHaveValueAsync("4s");
        await page.GetByLabel("Locations").FillAsync("local");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/checks/{name}\\?done=saved$"));
        var definition = page.Locator("section.check-definition");
        await Expect(definition).ToContainTextAsync("every 20s, timeout 4s");
        await Expect(definition).ToContainTextAsync("down after 1 failed run in a row");
        await Expect(definition.Locator(".managed")).ToHaveTextAsync("ui");
        await Expect(page.Locator("p.description")).ToHaveTextAsync("Buyers cannot open the shop.");
        // What the form does not show is kept.
        var saved = await api.GetFromJsonAsync<Unyo.Client.CheckResponse>($"api/v1/checks/{name}", TestContext.Current.CancellationToken);
        Assert.Equal(("20s", "unyo", false, 64), (saved!.Interval, saved.Http!.Headers!["X-Probe"], saved.Http.FollowRedirects, saved.Http.MaxResponseKb));

        await page.GotoAsync($"/services/{service}");
        var section = page.Locator("section.service-checks");
        await Expect(section.Locator("tr").Filter(new() { HasText = name }).Locator(".check-status")).ToHaveTextAsync("down");
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = "Add a check" })).ToHaveAttributeAsync("href", $"/checks/new?service={service}");
        await UnyoApp.ScreenshotAsync(page, "service-checks");

        // Down sorts first in the list, with its uptime below 100% and failures marked on the sparkline.
        await page.GotoAsync($"/checks?service={service}");
        var row = page.Locator("table.checks tbody tr").First;
        await Expect(row).ToContainTextAsync(name);
        await Expect(row.Locator(".check-status")).ToHaveTextAsync("down");
        await Expect(row.Locator("svg.sparkline rect.down")).Not.ToHaveCountAsync(0);
        await page.GotoAsync("/checks?status=down");
        await Expect(page.Locator("table.checks tr").Filter(new() { HasText = name })).ToHaveCountAsync(1);
        await UnyoApp.ScreenshotAsync(page, "checks-list");
    }

    [Fact]
    public async Task TheOwningTeamRotatesEditsAndDeletesWithoutJavaScriptWhileOthersSeeNeitherButtonsNorTheSecret()
    {
        var (team, service) = await ServiceAsync("cron");
        var name = Unique("cleanup");
        var (owner, outsider) = ($"{Unique("owner")}@example.com", $"{Unique("outsider")}@example.com");
        using (var api = app.Api())
        {
            await CreateUserAsync(api, owner);
            await CreateUserAsync(api, outsider);
            (await api.PostAsJsonAsync($"api/v1/teams/{team}/members", new { email = owner })).EnsureSuccessStatusCode();
            (await api.PostAsJsonAsync("api/v1/checks", new { name, service, type = "heartbeat", heartbeat = new { period = "1d" } })).EnsureSuccessStatusCode();
        }

        await using (var context = await app.NewContextAsync())
        {
            var page = await SignInAsync(context, outsider);
            await page.GotoAsync($"/checks/{name}");
            await Expect(page.Locator(".heartbeat-ping")).ToContainTextAsync($"The ping URL is a secret of team {team}");
            await Expect(page.Locator(".ping-url")).ToHaveCountAsync(0);
            Assert.DoesNotContain("/ping/", await page.ContentAsync(), StringComparison.Ordinal);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToHaveCountAsync(0);
            var edit = await page.GotoAsync($"/checks/{name}/edit");
            Assert.Equal(403, edit!.Status);
            await Expect(page.Locator("main")).ToContainTextAsync($"Only members of team '{team}' (or admins) can change this check.");
        }

        await using (var context = await app.NewContextAsync(javaScript: false))
        {
            var page = await SignInAsync(context, owner);
            await page.GotoAsync($"/checks/{name}");
            var before = (await page.Locator(".ping-url").TextContentAsync())!.Trim();
            await page.Locator("summary", new() { HasText = "Rotate URL…" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Rotate ping URL" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/checks/{name}\\?done=rotated$"));
            var after = (await page.Locator(".ping-url").TextContentAsync())!.Trim();
            Assert.NotEqual(before, after);
            using (var job = new HttpClient())
            {
                Assert.Equal(HttpStatusCode.NotFound, (await job.GetAsync(before, TestContext.Current.CancellationToken)).StatusCode);
            }

            // Without script every type's fields show; the server reads the chosen type's.
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
            await Expect(page.GetByLabel("Period")).ToHaveValueAsync("1d");
            await page.GetByLabel("Grace").FillAsync("2h");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/checks/{name}\\?done=saved$"));
            await Expect(page.Locator("section.check-definition")).ToContainTextAsync("every 1d, down 2h after a missed one");
            Assert.Equal(after, (await page.Locator(".ping-url").TextContentAsync())!.Trim());

            await page.Locator("summary", new() { HasText = "Delete…" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete check" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/checks\\?deleted={name}$"));
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Deleted check {name}.");
            var gone = await page.GotoAsync($"/checks/{name}");
            Assert.Equal(404, gone!.Status);
        }
    }

    [Fact]
    public async Task ADayOfMinutesDrawsTheUptimeTheSparklineAndTheLatencyChart()
    {
        var (_, service) = await ServiceAsync("history");
        var name = Unique("api");
        using (var api = app.Api())
        {
            // Paused, so that the scheduler adds nothing to the day written below.
            (await api.PostAsJsonAsync("api/v1/checks", new { name, service, type = "http", enabled = false, http = new { url = "https://api.example.com/health" } })).EnsureSuccessStatusCode();
        }
        // A day of minutes, one run each, slower in the afternoon; four failed runs in three quarter-hours.
        var last = SliMinute.Of(TimeProvider.System.GetUtcNow());
        int[] failed = [100, 101, 700, 1200];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
            var id = await db.Checks.Where(c => c.Name == name).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
            db.CheckMinutes.AddRange(Enumerable.Range(0, 24 * 60).Select(ago => new CheckMinute
            {
                CheckId = id, Minute = last - ago, Up = failed.Contains(ago) ? 0 : 1, Down = failed.Contains(ago) ? 1 : 0,
                P50Ms = 40 + ago % 7, P95Ms = ago is > 300 and < 500 ? 400 : 90 + ago % 13, P99Ms = 450, MaxMs = 500,
            }));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using var context = await app.NewContextAsync();
        var page = await app.SignedInPageAsync(context);

        await page.GotoAsync($"/checks?service={service}");
        var row = page.Locator("table.checks tr").Filter(new() { HasText = name });
        // 1,436 of 1,440 runs not down: 99.7222…%, shown rounded down.
        await Expect(row.Locator("td.num")).ToHaveTextAsync("99.72%");
        await Expect(row.Locator("svg.sparkline rect.down")).ToHaveCountAsync(3);
        await Expect(row.Locator("svg.sparkline polyline")).ToHaveCountAsync(1);
        await Expect(row.Locator("svg.sparkline title")).ToHaveTextAsync("Last 24 hours: p95 up to 400 ms; failures in 3 of 96 quarter-hours");
        await UnyoApp.ScreenshotAsync(page, "checks-list-with-history");

        await page.GotoAsync($"/checks/{name}?range=24h");
        await Expect(page.Locator(".uptime-figures .figure strong")).ToHaveTextAsync(["99.72%", "99.72%", "99.72%"]);
        await Expect(page.Locator(".latency-chart svg rect.down")).ToHaveCountAsync(4);
        await Expect(page.Locator(".latency-chart svg polyline.p95")).ToHaveCountAsync(1);
        await Expect(page.Locator(".latency-chart svg polyline.p50")).ToHaveCountAsync(1);
        await Expect(page.Locator(".latency-chart .scale.top")).ToHaveTextAsync("400 ms");
        await Expect(page.Locator(".ranges a.current")).ToHaveTextAsync("24h");
        await UnyoApp.ScreenshotAsync(page, "check-page-with-history");
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/services").ToString());
        return page;
    }

    private const string Password = "check-pages-tests-1";

    private static async Task CreateUserAsync(HttpClient api, string email) =>
        (await api.PostAsJsonAsync("/api/v1/users", new { email, password = Password, role = "member" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

    private async Task<(string Team, string Service)> ServiceAsync(string prefix)
    {
        using var api = app.Api();
        var (team, service) = (Unique(prefix + "-team"), Unique(prefix));
        (await api.PostAsJsonAsync("api/v1/teams", new { name = team })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("api/v1/services", new { name = service, team, tier = 2 })).EnsureSuccessStatusCode();
        return (team, service);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    private static async Task ReloadUntilAsync(IPage page, string url, ILocator locator, string text)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            await page.GotoAsync(url);
            if ((await locator.TextContentAsync())?.Trim() == text)
            {
                return;
            }
            await Task.Delay(300, TestContext.Current.CancellationToken);
        }
        while (waited.Elapsed < Patience);
        await Expect(locator).ToHaveTextAsync(text);
    }

    private static async Task WaitForAsync(HttpClient api, string name, string status)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        string? seen = null;
        while (waited.Elapsed < Patience)
        {
            var check = await api.GetFromJsonAsync<Unyo.Client.CheckResponse>($"api/v1/checks/{name}", TestContext.Current.CancellationToken);
            seen = check!.Status;
            if (seen == status)
            {
                return;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"check {name} was still {seen} after {Patience.TotalSeconds:0} s, not {status}");
    }
}
