using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Unyo.IntegrationTests.Alerts;

/// Debian's Alertmanager with a configuration of the test's own, on 127.0.0.1, without clustering.
public sealed class AlertmanagerPeer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("unyo-alertmanager-");
    private readonly StringBuilder _log = new();
    private readonly Lock _lock = new();
    private Process? _process;

    public Uri Url { get; private set; } = null!;

    public static async Task<AlertmanagerPeer> StartAsync(string configuration)
    {
        // CI installs Alertmanager from Debian (.ci/run); without it this test fails, never skips.
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"Alertmanager is not installed ({Binary}). Install it with `apt-get install -y prometheus-alertmanager`: this test sends alerts from the real one.");
        }
        var peer = new AlertmanagerPeer();
        await peer.RunAsync(configuration);
        return peer;
    }

    private async Task RunAsync(string configuration)
    {
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        var file = Path.Combine(_directory.FullName, "alertmanager.yml");
        await File.WriteAllTextAsync(file, configuration);
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList =
            {
                $"--config.file={file}", $"--storage.path={Path.Combine(_directory.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=debug",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = Client();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Alertmanager exited with {_process.ExitCode} before it was ready:\n{Logs()}");
            }
            try
            {
                if ((await client.GetAsync("-/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Alertmanager was not ready within 30 s:\n{Logs()}");
    }

    public HttpClient Client() => new() { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };

    public string Logs()
    {
        lock (_lock)
        {
            return _log.ToString();
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lock)
        {
            if (_log.Length < 200_000)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
