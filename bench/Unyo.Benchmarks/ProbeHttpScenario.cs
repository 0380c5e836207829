using System.Diagnostics;
using System.Globalization;
using Unyo.Client;
using Unyo.Features.Checks;
using Unyo.Features.Checks.Probes;
using Unyo.Hosting;

namespace Unyo.Benchmarks;

/// HTTP probes per CPU-second: `dotnet run -c Release --project bench/Unyo.Benchmarks -- probe-http [RATES] [SECONDS] [--no-blackbox] [--pooled] [--tick=MS]`.
/// RATES is a comma-separated list of probes per second (0: saturated, 32 probes in flight);
/// default 167,200,0 (167/s is 10,000 checks at a 60 s interval). Each rate runs 5 s of warm-up,
/// then SECONDS (default 30) measured, against a Kestrel target in a child process whose CPU is
/// not counted. ProbeRunner's figures are this process's CPU time (Process.TotalProcessorTime) and
/// allocations; with Debian's prometheus-blackbox-exporter installed, it probes the same target
/// at the same rates right after, driven over HTTP, and its CPU is read from /proc.
/// --pooled adds plain GETs over a pooled keep-alive HttpClient, the cost a probe reusing
/// connections would have. --tick=MS (default 50) is how often the due probes are started, as a scheduler would: at low
/// rates most CPU goes to waking threads, so a 5 ms tick costs about twice the CPU per probe of a
/// 50 ms one (and the thread pool's spinning, DOTNET_ThreadPool_UnfairSemaphoreSpinLimit, matters).
public static class ProbeHttpScenario
{
    private const int SaturatedConcurrency = 32;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static TimeSpan s_tick = TimeSpan.FromMilliseconds(50);

    public static async Task<int> RunAsync(string[] args)
    {
        var rates = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal)
            ? args[1].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray()
            : [167, 200, 0];
        var seconds = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        // --tick=MS: how often probes that are due are started (a scheduler's granularity).
        if (args.FirstOrDefault(a => a.StartsWith("--tick=", StringComparison.Ordinal)) is { } tick)
        {
            s_tick = TimeSpan.FromMilliseconds(int.Parse(tick["--tick=".Length..], CultureInfo.InvariantCulture));
        }
        var (target, port) = ProbeTarget.Start();
        try
        {
            var errors = new ValidationErrors();
            var settings = ProbeSettingsValidator.Validate(CheckType.Http, new CheckRequest { Http = new() { Url = $"http://127.0.0.1:{port}/health" } }, errors)!;
            var allowed = TargetAllowList.Parse(["127.0.0.1"], errors);
            using var runner = new ProbeRunner(TimeProvider.System);
            using var blackbox = args.Contains("--no-blackbox") ? null : BlackboxExporter.TryStart();
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, target on 127.0.0.1:{port}; blackbox_exporter {(blackbox is null ? "not installed" : "on port " + blackbox.Port)}; "
                + $"probes started every {s_tick.TotalMilliseconds} ms; thread pool spin limit {Environment.GetEnvironmentVariable("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit") ?? "default"}");
            string? firstFailure = null;
            foreach (var rate in rates)
            {
                await MeasureAsync("unyo", rate, seconds, async () =>
                {
                    var result = await runner.RunAsync(settings, TimeSpan.FromSeconds(10), 0, allowed, CancellationToken.None);
                    if (result.Outcome != ProbeOutcome.Up)
                    {
                        firstFailure ??= result.Reason;
                    }
                    return result.Outcome == ProbeOutcome.Up;
                }, () => Process.GetCurrentProcess().TotalProcessorTime, () => Environment.WorkingSet, allocations: true);
                if (firstFailure is not null)
                {
                    Console.WriteLine($"  first failure: {firstFailure}");
                }
                if (args.Contains("--pooled"))
                {
                    // For comparison only: what reusing pooled keep-alive connections would cost (a
                    // plain GET, no guard, no judgement): the probes' fresh connections cost the rest.
                    var health = $"http://127.0.0.1:{port}/health";
                    await MeasureAsync("pooled HttpClient", rate, seconds, async () =>
                    {
                        using var response = await client.GetAsync(health);
                        return response.IsSuccessStatusCode;
                    }, () => Process.GetCurrentProcess().TotalProcessorTime, () => Environment.WorkingSet, allocations: true);
                }
                if (blackbox is not null)
                {
                    var url = blackbox.ProbeUrl(port);
                    await WaitForAsync(client, url);
                    await MeasureAsync("blackbox_exporter", rate, seconds, async () =>
                    {
                        try
                        {
                            return (await client.GetStringAsync(url)).Contains("\nprobe_success 1", StringComparison.Ordinal);
                        }
                        catch (HttpRequestException)
                        {
                            return false;
                        }
                    }, blackbox.CpuTime, blackbox.ResidentBytes, allocations: false);
                }
            }
            return 0;
        }
        finally
        {
            target.StandardInput.Close();
            await target.WaitForExitAsync();
            target.Dispose();
        }
    }

    private static async Task MeasureAsync(string name, int rate, int seconds, Func<Task<bool>> probe, Func<TimeSpan> cpu, Func<long> resident, bool allocations)
    {
        await DriveAsync(rate, WarmUp, probe);
        GC.Collect();
        var (cpuBefore, allocatedBefore) = (cpu(), GC.GetTotalAllocatedBytes(precise: true));
        var wall = Stopwatch.StartNew();
        var (done, failed, latencies) = await DriveAsync(rate, TimeSpan.FromSeconds(seconds), probe);
        wall.Stop();
        var (used, allocated) = (cpu() - cpuBefore, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
        Array.Sort(latencies);
        var what = rate == 0 ? $"saturated ({SaturatedConcurrency} in flight)" : $"{rate}/s";
        Console.WriteLine(
            I($"{name,-18} {what,-26} {done,7} probes ({failed} failed) in {wall.Elapsed.TotalSeconds:0.0} s = {done / wall.Elapsed.TotalSeconds,6:0} /s; ")
            + I($"CPU {used.TotalSeconds:0.00} s = {used.TotalSeconds / wall.Elapsed.TotalSeconds * 100,5:0.0}% of a core, {done / used.TotalSeconds,6:0} probes per CPU-second; ")
            + I($"latency p50 {Percentile(latencies, 0.5):0.00} ms, p99 {Percentile(latencies, 0.99):0.00} ms; ")
            + (allocations ? I($"{allocated / (double)done / 1024:0.0} KiB allocated per probe; ") : "")
            + I($"resident {resident() / 1048576} MiB"));
    }

    private static async Task<(int Done, int Failed, double[] Latencies)> DriveAsync(int rate, TimeSpan duration, Func<Task<bool>> probe)
    {
        var latencies = new List<double>();
        var failed = 0;
        async Task OneAsync()
        {
            var started = Stopwatch.GetTimestamp();
            var ok = await probe();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (latencies)
            {
                latencies.Add(elapsed);
                failed += ok ? 0 : 1;
            }
        }
        var running = new List<Task>();
        var clock = Stopwatch.StartNew();
        if (rate == 0)
        {
            for (var i = 0; i < SaturatedConcurrency; i++)
            {
                running.Add(Task.Run(async () =>
                {
                    while (clock.Elapsed < duration)
                    {
                        await OneAsync();
                    }
                }));
            }
        }
        else
        {
            // Probes start evenly over time at the rate, whether or not earlier ones finished.
            using var timer = new PeriodicTimer(s_tick);
            long launched = 0;
            while (clock.Elapsed < duration && await timer.WaitForNextTickAsync())
            {
                var due = (long)(Math.Min(clock.Elapsed.TotalSeconds, duration.TotalSeconds) * rate);
                for (; launched < due; launched++)
                {
                    running.Add(OneAsync());
                }
            }
        }
        await Task.WhenAll(running);
        return (latencies.Count, failed, [.. latencies]);
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static async Task WaitForAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 50; i++)
        {
            try
            {
                await client.GetStringAsync(url);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
    }
}
