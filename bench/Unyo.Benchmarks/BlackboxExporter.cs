using System.Diagnostics;
using System.Globalization;

namespace Unyo.Benchmarks;

/// Debian's prometheus-blackbox-exporter, started on 127.0.0.1 for the probe-http and checks-10k
/// comparisons. Its CPU time and resident memory are read from /proc, as its own process's.
public sealed class BlackboxExporter : IDisposable
{
    private const string Binary = "/usr/bin/prometheus-blackbox-exporter";
    private const string Config = "/etc/prometheus/blackbox.yml";

    private readonly Process _process;

    private BlackboxExporter(Process process, int port) => (_process, Port) = (process, port);

    public int Port { get; }

    public static BlackboxExporter? TryStart()
    {
        if (!File.Exists(Binary) || !File.Exists(Config))
        {
            return null;
        }
        var port = ServerProcess.FreePort();
        var process = Process.Start(new ProcessStartInfo(Binary, [$"--config.file={Config}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=error"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new BlackboxExporter(process, port);
    }

    public string ProbeUrl(int targetPort) => ProbeUrl(new Uri($"http://127.0.0.1:{targetPort}/health"));

    public string ProbeUrl(Uri target) =>
        $"http://127.0.0.1:{Port}/probe?module=http_2xx&target={Uri.EscapeDataString(target.ToString())}";

    // Probes `target` through the exporter at `rate` per second, started evenly every 250 ms (the
    // Unyo scheduler's tick), for `warmUp` and then `duration` measured: probes that succeeded
    // and failed, the exporter's CPU seconds, and its peak resident memory.
    public async Task<(int Done, int Failed, double CpuSeconds, long PeakRss)> MeasureAsync(Uri target, double rate, TimeSpan warmUp, TimeSpan duration)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var url = ProbeUrl(target);
        for (var i = 0; i < 50 && !await TryAsync(client, url); i++)
        {
            await Task.Delay(100);
        }
        await DriveAsync(client, url, rate, warmUp);
        var cpu = CpuTime();
        var result = await DriveAsync(client, url, rate, duration);
        return (result.Done, result.Failed, (CpuTime() - cpu).TotalSeconds, result.PeakRss);
    }

    private async Task<(int Done, int Failed, long PeakRss)> DriveAsync(HttpClient client, string url, double rate, TimeSpan duration)
    {
        int done = 0, failed = 0;
        var peak = ResidentBytes();
        var running = new List<Task>();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        long launched = 0;
        while (clock.Elapsed < duration && await timer.WaitForNextTickAsync())
        {
            for (var due = (long)(Math.Min(clock.Elapsed.TotalSeconds, duration.TotalSeconds) * rate); launched < due; launched++)
            {
                running.Add(Task.Run(async () =>
                {
                    if (await TryAsync(client, url))
                    {
                        Interlocked.Increment(ref done);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }));
            }
            peak = Math.Max(peak, ResidentBytes());
        }
        await Task.WhenAll(running);
        return (done, failed, peak);
    }

    private static async Task<bool> TryAsync(HttpClient client, string url)
    {
        try
        {
            return (await client.GetStringAsync(url)).Contains("\nprobe_success 1", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    // User plus system time, from /proc/PID/stat in clock ticks (100 per second on Linux).
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
