using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Alerts;

/// `dotnet unyo.dll serve` in a process of its own, so a test can kill it the way an OOM killer
/// or a power cut would (SIGKILL: no shutdown hooks, no flush) and start it again on the same data.
public sealed class UnyoProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private UnyoProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// Starts on a free loopback port with the test servers' admin credentials; SQLite in dataDirectory
    /// unless database (a PostgreSQL connection string) is given. Returns once /readyz answers.
    /// settings: extra environment (UNYO_* names).
    public static async Task<UnyoProcess> StartAsync(string dataDirectory, string? database, TimeSpan readyWithin, IReadOnlyDictionary<string, string>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var program = Path.Combine(AppContext.BaseDirectory, "unyo.dll");
        var arguments = $"\"{program}\" serve --urls {address.ToString().TrimEnd('/')} --data \"{dataDirectory}\"";
        if (database is not null)
        {
            arguments += $" --database \"{database}\"";
        }
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["UNYO_ADMIN_TOKEN"] = UnyoApp.AdminToken,
                ["UNYO_ADMIN_PASSWORD"] = UnyoApp.AdminPassword,
                ["UNYO_ADMIN_EMAIL"] = UnyoApp.AdminEmail,
                // One client sends the whole burst: the per-address API limit would refuse it.
                ["UNYO_API_RATE_LIMIT"] = "0",
            },
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        var unyo = new UnyoProcess(process, address);
        process.OutputDataReceived += (_, e) => unyo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => unyo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await unyo.WaitReadyAsync(readyWithin);
        }
        catch
        {
            await unyo.DisposeAsync();
            throw;
        }
        return unyo;
    }

    public HttpClient Client(string? token = UnyoApp.AdminToken, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        return client;
    }

    /// SIGKILL on Linux: the process gets no chance to finish what it was doing.
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitReadyAsync(TimeSpan within)
    {
        using var client = Client(token: null, TimeSpan.FromSeconds(5));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"unyo exited with {_process.ExitCode} before it was ready:\n{Output}");
            }
            try
            {
                if ((await client.GetAsync("readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"unyo was not ready within {within}:\n{Output}");
    }

    // Enough to show why a start failed without holding a whole burst's log.
    private void Append(string? line)
    {
        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
