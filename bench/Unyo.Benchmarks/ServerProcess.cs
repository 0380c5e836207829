using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Unyo.Benchmarks;

/// A real `unyo serve` process (the Release build beside this program) on a free loopback port,
/// with an admin token, and what a scenario reads of it from /proc: CPU seconds and memory.
public sealed class ServerProcess : IAsyncDisposable
{
    public const string Token = "unyo_bench_server_token_000000001";

    private readonly Process _process;
    private readonly string _data;
    private volatile string? _startLine;
    private bool _disposed;

    private ServerProcess(Process process, string data, int port)
    {
        (_process, _data) = (process, data);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    // utime + stime, in seconds (clock ticks of 1/100 s on Linux).
    public double CpuSeconds
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
    }

    public long RssBytes => StatusKilobytes("VmRSS:") * 1024;

    public long PeakRssBytes => StatusKilobytes("VmHWM:") * 1024;

    // The server's start-up line ("Unyo on …, database …, workstation GC, background collection
    // off"), when its logging lets it through (Logging__LogLevel__unyo=Information).
    public string? StartLine => _startLine;

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ServerProcess> StartAsync(string purpose, string? database, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory($"unyo-bench-{purpose}-").FullName;
        var program = Path.Combine(AppContext.BaseDirectory, "unyo.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{program}\" serve --urls http://127.0.0.1:{port} --data \"{data}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["UNYO_ADMIN_TOKEN"] = Token,
                ["UNYO_API_RATE_LIMIT"] = "0",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        if (database is not null)
        {
            start.Environment["UNYO_DATABASE"] = database;
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, data, port);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("fail", StringComparison.OrdinalIgnoreCase) == true)
            {
                Console.WriteLine($"server: {e.Data}");
            }
            else if (e.Data?.Contains("Unyo on ", StringComparison.Ordinal) == true)
            {
                server._startLine = e.Data;
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.WriteLine($"server: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    // Stops the server and removes its data; a scenario may stop it early, before a comparison.
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Http.Dispose();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private async Task WaitReadyAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("the server exited");
            }
            try
            {
                if ((await Http.GetAsync("readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the server did not become ready");
    }

    private long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
