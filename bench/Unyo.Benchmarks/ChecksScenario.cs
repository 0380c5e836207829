using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Unyo.Client;

namespace Unyo.Benchmarks;

/// `checks-10k [COUNT] [INTERVAL] [SECONDS] [DATABASE]`: a real `unyo serve` process runs COUNT
/// HTTP checks (default 10,000 at 60s) against a target this process serves on 127.0.0.1. After
/// one interval of warm-up it measures, for SECONDS (default 120), the server's CPU (from
/// /proc/PID/stat), its peak resident memory and the results it stored (from /metrics): cores
/// used, and probes completed per CPU-second. It prints the garbage collector the server says it
/// runs. Then, with the server stopped and Debian's prometheus-blackbox-exporter installed, the
/// exporter probes the same target at the same rate for as long, and the two are compared.
public static class ChecksScenario
{
        public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var interval = args.Length > 2 ? args[2] : "60s";
        var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 120;
        var database = args.Length > 4 ? args[4] : null;

        await using var target = await StartTargetAsync();
        // The start-up line says which garbage collector runs.
        await using var server = await ServerProcess.StartAsync("checks", database, new Dictionary<string, string> { ["Logging__LogLevel__unyo"] = "Information" });
        var http = server.Http;
        await CreateChecksAsync(http, target.Url, count, interval);
        var warmUp = Durations(interval) + TimeSpan.FromSeconds(15);
        Console.WriteLine($"{count} checks every {interval} against {target.Url}; warming up for {warmUp.TotalSeconds:0} s");
        await Task.Delay(warmUp);

        var (cpu0, stored0, wall) = (server.CpuSeconds, await StoredAsync(http), Stopwatch.StartNew());
        long peakRss = 0;
        var requests0 = target.Requests;
        while (wall.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            await Task.Delay(1000);
            peakRss = Math.Max(peakRss, server.RssBytes);
        }
        var (cpu1, stored1, elapsed) = (server.CpuSeconds, await StoredAsync(http), wall.Elapsed.TotalSeconds);
        var cpu = cpu1 - cpu0;
        var stored = stored1 - stored0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server: {cpu / elapsed:0.000} cores ({cpu:0.0} CPU-s in {elapsed:0} s), peak RSS {peakRss / 1048576.0:0} MiB ({peakRss / 1e6:0} MB), " +
            $"{stored} results stored ({stored / elapsed:0.0}/s, expected {count / Durations(interval).TotalSeconds:0.0}/s), " +
            $"{stored / cpu:0} probes per CPU-second; the target answered {target.Requests - requests0} requests"));
        Console.WriteLine($"server's collector: {Collector(server.StartLine)}");

        await server.DisposeAsync();
        using var blackbox = BlackboxExporter.TryStart();
        if (blackbox is null)
        {
            Console.WriteLine("blackbox_exporter: not installed (apt-get install prometheus-blackbox-exporter); no comparison");
            return 0;
        }
        var rate = count / Durations(interval).TotalSeconds;
        var (done, failed, bbCpu, bbRss) = await blackbox.MeasureAsync(target.Url, rate, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"blackbox_exporter at {rate:0.0}/s: {done} probes ({failed} failed) in {seconds} s, {bbCpu / seconds:0.000} cores ({bbCpu:0.0} CPU-s), " +
            $"peak RSS {bbRss / 1048576.0:0} MiB, {done / bbCpu:0} probes per CPU-second"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"whole Unyo server / blackbox_exporter, probes per CPU-second: {stored / cpu / (done / bbCpu):0.00}x"));
        return 0;
    }

    // From the server's start-up line ("Unyo on …, database …, workstation GC, background collection off").
    private static string Collector(string? line)
    {
        var at = line?.IndexOf(" GC, background", StringComparison.Ordinal) ?? -1;
        return line is null || at < 0 ? "unknown (the server did not log its start-up line)" : line[(line.LastIndexOf(", ", at, StringComparison.Ordinal) + 2)..];
    }

    private static TimeSpan Durations(string text) => Unyo.Hosting.Durations.TryParse(text, out var d) ? d : throw new ArgumentException($"'{text}' is not a duration");

    // A team, a service per thousand checks, and the checks, applied as YAML a thousand at a time.
    private static async Task CreateChecksAsync(HttpClient http, Uri target, int count, string interval)
    {
        (await http.PutAsJsonAsync("api/v1/check-settings", new CheckSettingsRequest { AllowedTargets = ["127.0.0.1"] })).EnsureSuccessStatusCode();
        var started = Stopwatch.StartNew();
        for (var s = 0; s < count; s += 1000)
        {
            var yaml = new StringBuilder($"apiVersion: unyo.dev/v1\nkind: Team\nmetadata: {{name: bench}}\n---\napiVersion: unyo.dev/v1\nkind: Service\nmetadata: {{name: svc-{s / 1000}, team: bench}}\n");
            for (var i = s; i < Math.Min(count, s + 1000); i++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"---\napiVersion: unyo.dev/v1\nkind: Check\nmetadata: {{name: check-{i}}}\nspec:\n  service: svc-{s / 1000}\n  type: http\n  interval: {interval}\n  http: {{url: \"{target}?check={i}\"}}\n");
            }
            var response = await http.PostAsJsonAsync("api/v1/apply", new ApplyRequest { Files = [new ApplyFile("checks.yaml", yaml.ToString())] });
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"apply failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        Console.WriteLine($"created {count} checks in {started.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<double> StoredAsync(HttpClient http)
    {
        var metrics = await http.GetStringAsync("metrics");
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("unyo_check_results_stored_total ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static async Task<Target> StartTargetAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var target = new Target(app);
        app.MapGet("/", () =>
        {
            Interlocked.Increment(ref target.Count);
            return Results.Text("ok");
        });
        await app.StartAsync();
        target.Url = new Uri(app.Urls.First() + "/");
        return target;
    }

    private sealed class Target(WebApplication app) : IAsyncDisposable
    {
        public long Count;

        public long Requests => Interlocked.Read(ref Count);

        public Uri Url { get; set; } = null!;

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
