using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Unyo.Benchmarks;

/// Debian's prometheus-blackbox-exporter, started on 127.0.0.1 for the probe-http comparison. Its
/// CPU time and resident memory are read from /proc, as its own process's.
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
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(Binary, [$"--config.file={Config}", $"--web.listen-address=127.0.0.1:{port}", "--log.level=error"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new BlackboxExporter(process, port);
    }

    public string ProbeUrl(int targetPort) =>
        $"http://127.0.0.1:{Port}/probe?module=http_2xx&target={Uri.EscapeDataString($"http://127.0.0.1:{targetPort}/health")}";

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
