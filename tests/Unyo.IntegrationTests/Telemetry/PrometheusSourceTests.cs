using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Unyo.Client;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.PrometheusSource;
using Unyo.IntegrationTests.Infrastructure;
using Unyo.IntegrationTests.Slos;

namespace Unyo.IntegrationTests.Telemetry;

/// Prometheus SLIs read from a real Prometheus (Debian's package) that scrapes a target the test
/// serves (PrometheusPeer). The servers run on the real clock without the source worker: each
/// test runs the worker's cycle itself, once the minutes it asserts on are over.
public sealed class PrometheusSourceTests(Servers servers, PrometheusPeer prometheus) : IClassFixture<PrometheusPeer>
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(3);
    private const string Good = "sum(increase(unyo_test_good_total[{{window}}]))";
    private const string Total = "sum(increase(unyo_test_requests_total[{{window}}]))";

    private Task<UnyoApp> ServerAsync(string provider, string purpose) =>
        servers.GetIsolatedAsync(provider, $"prometheus-{purpose}", new Dictionary<string, string>
        {
            ["UNYO_PROMETHEUS_DELAY"] = "3",
            ["UNYO_PROMETHEUS_TIMEOUT"] = "2",
        }, services: s => s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(PrometheusSourceWorker))));

    private static async Task<string> SliAsync(HttpClient admin, string service, SliPrometheusSource source)
    {
        var name = Names.Unique("prom-sli");
        var response = await admin.PostJsonAsync("api/v1/slis", new SliRequest { Name = name, Service = service, Source = "prometheus", Prometheus = source });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return name;
    }

    private static async Task<string> SloAsync(HttpClient admin, string service, string sli)
    {
        var name = Names.Unique("prom-slo");
        (await admin.PostJsonAsync("api/v1/slos", SloTestKit.Slo(name, service, sli))).EnsureSuccessStatusCode();
        return name;
    }

    private static Task<int> CycleAsync(UnyoApp app, DateTimeOffset now) =>
        app.Services.GetRequiredService<PrometheusSourceCycle>().ReadAllAsync(now, CancellationToken.None);

    private static Dictionary<long, (long Good, long Total)> Minutes(UnyoApp app, string sli) => app.WithDb(db =>
    {
        var id = db.Slis.Single(s => s.Name == sli).Id;
        return db.SliMinutes.Where(m => m.SliId == id).ToDictionary(m => m.Minute, m => (m.Good, m.Total));
    });

    private static SliSourceStatus? Status(UnyoApp app, string sli) => app.WithDb(db =>
    {
        var id = db.Slis.Single(s => s.Name == sli).Id;
        return db.SliSourceStatuses.SingleOrDefault(s => s.SliId == id);
    });

    [Theory, DatabaseData]
    public async Task MinutesReadFromPrometheusMatchWhatTheTargetServed(string provider)
    {
        var app = await ServerAsync(provider, "minutes");
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var counts = await SliAsync(admin, service, new() { Url = prometheus.Url.ToString(), Good = Good, Total = Total });
        var ratio = await SliAsync(admin, service, new() { Url = prometheus.Url + "/", ErrorRatio = $"1 - {Good} / {Total}" });
        var slo = await SloAsync(admin, service, counts);
        await prometheus.WaitForErrorMinuteAsync(Delay);

        var now = TimeProvider.System.GetUtcNow();
        await CycleAsync(app, now);

        var minutes = Minutes(app, counts);
        var lastRead = SliMinute.Of(now - Delay);
        // Two hours of backfill, every minute written, before the scraping began as no events.
        Assert.Equal(Enumerable.Range(0, (int)(lastRead - SliMinute.Of(now - TimeSpan.FromHours(2)))).Select(i => SliMinute.Of(now - TimeSpan.FromHours(2)) + i), minutes.Keys.Order());
        Assert.All(minutes.Where(m => m.Key < prometheus.StartMinute), m => Assert.Equal((0L, 0L), m.Value));
        // The minute the scraping started in: all good (possibly too short for increase()).
        var start = minutes[prometheus.StartMinute];
        Assert.Equal(start.Total, start.Good);
        // The next minute: ten requests a second, 80% good, rounded to whole events.
        var (good, total) = minutes[prometheus.ErrorMinute];
        Assert.InRange(total, 570, 630);
        Assert.InRange(good - 0.8 * total, -1, 1);
        // The error ratio SLI: every minute weighs 1,000,000 events.
        var weighted = Minutes(app, ratio);
        Assert.Equal((800_000L, 1_000_000L), weighted[prometheus.ErrorMinute]);
        var status = Status(app, counts)!;
        Assert.Equal(SliMinute.Start(lastRead), status.ReadThrough);
        Assert.Null(status.CurrentError);
        Assert.NotNull(status.LastDataAt);

        // Read again from the start (as a node taking over the lease might): the same counts,
        // replaced, never added.
        app.WithDb(db =>
        {
            var row = db.SliSourceStatuses.Single(s => s.SliId == status.SliId);
            row.ReadThrough = SliMinute.Start(prometheus.StartMinute);
            return db.SaveChanges();
        });
        await CycleAsync(app, now);
        Assert.Equal((good, total), Minutes(app, counts)[prometheus.ErrorMinute]);
        Assert.Equal((800_000L, 1_000_000L), Minutes(app, ratio)[prometheus.ErrorMinute]);

        var sloStatus = await (await admin.GetAsync($"api/v1/slos/{slo}/status")).ReadAsync<SloStatusResponse>(HttpStatusCode.OK);
        Assert.True(sloStatus.HasData);
        Assert.Equal(("prometheus", (string?)null, SliMinute.Start(lastRead)), (sloStatus.Source.Source, sloStatus.Source.Error, sloStatus.Source.ReadThrough));
        Assert.Equal(Minutes(app, counts).Values.Sum(m => m.Total), sloStatus.Total);
    }

    [Theory, DatabaseData]
    public async Task TheRulesOfAnSloPassPromtoolAndPageFromTheRealPrometheus(string provider)
    {
        var app = await ServerAsync(provider, "rules");
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var sli = await SliAsync(admin, service, new() { Url = prometheus.Url.ToString(), Good = Good, Total = Total });
        var slo = await SloAsync(admin, service, sli);
        await prometheus.WaitForErrorMinuteAsync(TimeSpan.Zero);

        var response = await admin.GetAsync($"api/v1/slos/{slo}/prometheus-rules");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType?.MediaType);
        var yaml = await response.Content.ReadAsStringAsync();
        var file = Path.Combine(prometheus.RulesDirectory, $"{slo}.yml");
        await File.WriteAllTextAsync(file, yaml);
        var (exit, output) = await RunAsync(PrometheusPeer.Promtool, "check", "rules", file);
        Assert.True(exit == 0, $"promtool check rules failed:\n{output}\n{yaml}");
        // Seven recording rules (5m to 3d) and the four Workbook alerts.
        Assert.Contains("SUCCESS: 11 rules found", output);
        Assert.Contains($"unyo_url: {app.Address}slos/{slo}", yaml);

        // Loaded into the real Prometheus: 20% errors against a 99.9% objective burn at 200x,
        // so the page alert of the 1h/5m rule fires there.
        using var client = prometheus.Client();
        (await client.PostAsync("-/reload", null)).EnsureSuccessStatusCode();
        var firing = await EventuallyAsync(async () =>
        {
            var alerts = await client.GetFromJsonAsync<JsonElement>("api/v1/alerts");
            return alerts.GetProperty("data").GetProperty("alerts").EnumerateArray().Any(a =>
                a.GetProperty("labels").GetProperty("unyo_slo").GetString() == slo
                && a.GetProperty("labels").GetProperty("severity").GetString() == "page"
                && a.GetProperty("labels").GetProperty("long_window").GetString() == "1h"
                && a.GetProperty("state").GetString() == "firing");
        });
        Assert.True(firing, $"the page alert of {slo} did not fire in Prometheus:\n{prometheus.Logs()}");
        var recorded = await client.GetFromJsonAsync<JsonElement>($"api/v1/query?query={Uri.EscapeDataString($"unyo_slo:sli_error:ratio_rate5m{{unyo_slo=\"{slo}\"}}")}");
        var value = double.Parse(recorded.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(value, 0.01, 0.2 + 1e-9);
        File.Delete(file);
    }

    [Theory, DatabaseData]
    public async Task ASourceThatFailsShowsNoDataWithTheReasonAndIsRetried(string provider)
    {
        var app = await ServerAsync(provider, "errors");
        using var admin = app.Admin();
        var (_, service) = await SloTestKit.CreateServiceAsync(admin);
        var url = prometheus.Url.ToString();
        var broken = await SliAsync(admin, service, new() { Url = url, Good = "sum(increase(unyo_test_good_total[{{window}}])", Total = Total });
        var split = await SliAsync(admin, service, new() { Url = url, Good = Good, Total = "increase(unyo_test_split_total[{{window}}])" });
        var nan = await SliAsync(admin, service, new() { Url = url, ErrorRatio = "sum(increase(unyo_test_idle_total[{{window}}])) / sum(increase(unyo_test_idle_total[{{window}}]))" });
        var unreachable = await SliAsync(admin, service, new() { Url = "http://127.0.0.1:1", Good = Good, Total = Total });
        var hanging = await SliAsync(admin, service, new() { Url = new Uri(prometheus.Target, "hang").ToString(), Good = Good, Total = Total });
        var slos = new Dictionary<string, string>();
        foreach (var sli in new[] { broken, split, nan, unreachable, hanging })
        {
            slos[sli] = await SloAsync(admin, service, sli);
        }
        await prometheus.WaitForErrorMinuteAsync(Delay);

        var now = TimeProvider.System.GetUtcNow();
        var started = Stopwatch.StartNew();
        await CycleAsync(app, now);
        // Five SLIs, four at a time, one engine that never answers: its 2 s timeout, not its silence, bounds the cycle.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"the cycle took {started.Elapsed}");

        var expected = new Dictionary<string, string>
        {
            [broken] = "good query: bad_data: ",
            [split] = "total query: returned 2 series ({code=\"200\", instance=",
            [nan] = "errorRatio query: NaN is not a finite number at ",
            [unreachable] = "good query: cannot reach http://127.0.0.1:1: Connection refused",
            [hanging] = $"good query: no answer from {prometheus.Target}hang within 2 s",
        };
        var firstMinute = SliMinute.Of(now - TimeSpan.FromHours(2));
        foreach (var (sli, error) in expected)
        {
            var status = Status(app, sli)!;
            Assert.StartsWith(error, status.CurrentError);
            Assert.Null(status.LastDataAt);
            // Nothing given up yet (the late horizon is 2 h): the next cycle starts from the first
            // minute that failed, the first not written.
            var written = Minutes(app, sli);
            var firstFailed = Enumerable.Range(0, 1000).Select(i => firstMinute + i).First(m => !written.ContainsKey(m));
            Assert.Equal(SliMinute.Start(firstFailed), status.ReadThrough);
            var sloStatus = await (await admin.GetAsync($"api/v1/slos/{slos[sli]}/status")).ReadAsync<SloStatusResponse>(HttpStatusCode.OK);
            Assert.False(sloStatus.HasData);
            Assert.Null(sloStatus.AttainmentPercent);
            Assert.Null(sloStatus.Budget.RemainingPercent);
            Assert.Equal(("prometheus", status.CurrentError), (sloStatus.Source.Source, sloStatus.Source.Error));
        }
        Assert.Contains("parse error", Status(app, broken)!.CurrentError);
        // Failed minutes are not written; the NaN SLI's minutes before the scraping were empty: no events.
        Assert.Empty(Minutes(app, broken));
        Assert.Empty(Minutes(app, split));
        Assert.All(Minutes(app, nan), m => Assert.Equal((0L, 0L), m.Value));
        Assert.DoesNotContain(prometheus.ErrorMinute, Minutes(app, nan).Keys);
        Assert.Contains(prometheus.StartMinute - 1, Minutes(app, nan).Keys);

        // Three hours on, the minutes that kept failing are behind the late horizon: given up, said so.
        var later = now + TimeSpan.FromHours(3);
        await CycleAsync(app, later);
        var gaveUp = Status(app, broken)!;
        Assert.Equal(SliMinute.Start(SliMinute.Of(later - TimeSpan.FromHours(2))), gaveUp.ReadThrough);
        Assert.Contains("; gave up on ", gaveUp.CurrentError);
        Assert.Contains("that kept failing until the late horizon", gaveUp.CurrentError);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(500);
        }
        return false;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
