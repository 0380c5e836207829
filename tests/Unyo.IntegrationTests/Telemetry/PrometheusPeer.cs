using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unyo.Features.Telemetry;

namespace Unyo.IntegrationTests.Telemetry;

/// Debian's Prometheus, scraping every second a small target this fixture serves on 127.0.0.1.
/// Each scrape adds 10 requests to unyo_test_requests_total and 10 good ones to
/// unyo_test_good_total, until half a second after the first minute boundary following the
/// first scrape (SwitchAt); from then on 8 of every 10 are good. So the minute the scraping
/// started in (StartMinute) is all good and the next one (ErrorMinute) exactly 80% good: a value
/// at T covers (T − 1m, T], and the half second keeps each scrape on its side of the boundary.
/// The target also serves a counter with two series (code 200 and 500), an idle counter that
/// never moves, and under /hang an "engine" that never answers.
public sealed class PrometheusPeer : IAsyncLifetime
{
    public const string Binary = "/usr/bin/prometheus";
    public const string Promtool = "/usr/bin/promtool";
    public const int PerScrape = 10;
    public const int GoodAfterSwitch = 8;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("unyo-prometheus-");
    private readonly StringBuilder _log = new();
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource<DateTimeOffset> _firstScrape = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _target;
    private Process? _process;
    private long _requests;
    private long _good;
    private long _scrapes;
    private DateTimeOffset _switchAt = DateTimeOffset.MaxValue;

    public Uri Url { get; private set; } = null!;

    public Uri Target { get; private set; } = null!;

    public string RulesDirectory => Path.Combine(_directory.FullName, "rules");

    public long StartMinute { get; private set; }

    public long ErrorMinute => StartMinute + 1;

    public long Scrapes => Interlocked.Read(ref _scrapes);

    public async ValueTask InitializeAsync()
    {
        // CI installs Prometheus from Debian (.ci/run); without it these tests fail, never skip.
        if (!File.Exists(Binary) || !File.Exists(Promtool))
        {
            throw new InvalidOperationException($"Prometheus is not installed ({Binary}, {Promtool}). Install it with `apt-get install -y prometheus`: these tests read SLIs from the real one.");
        }
        await StartTargetAsync();
        Directory.CreateDirectory(RulesDirectory);
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}");
        var config = Path.Combine(_directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {RulesDirectory}/*.yml
            scrape_configs:
              - job_name: target
                static_configs:
                  - targets: ["{Target.Authority}"]
            """);
        var start = new ProcessStartInfo(Binary)
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_directory.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--web.enable-lifecycle", "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitReadyAsync();
    }

    // Waits (at most three minutes) until the minute after the first scrape has ended and
    // `delay` more has passed, so that both minutes can be read.
    public async Task WaitForErrorMinuteAsync(TimeSpan delay)
    {
        await _firstScrape.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var readable = SliMinute.Start(ErrorMinute + 1) + delay + TimeSpan.FromSeconds(2);
        var wait = readable - TimeProvider.System.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
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
            if (_log.Length < 100_000)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task StartTargetAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _target = builder.Build();
        _target.MapGet("/metrics", () => Results.Text(Scrape(), "text/plain; version=0.0.4"));
        // An engine that takes longer than any timeout to answer.
        _target.MapPost("/hang/api/v1/{endpoint}", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted);
            return Results.Ok();
        });
        await _target.StartAsync();
        Target = new Uri(_target.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private string Scrape()
    {
        var now = TimeProvider.System.GetUtcNow();
        lock (_lock)
        {
            if (_scrapes == 0)
            {
                StartMinute = SliMinute.Of(now);
                _switchAt = SliMinute.Start(StartMinute + 1).AddMilliseconds(500);
                _firstScrape.TrySetResult(now);
            }
            _scrapes++;
            _requests += PerScrape;
            _good += now >= _switchAt ? GoodAfterSwitch : PerScrape;
            return string.Create(CultureInfo.InvariantCulture, $$"""
                # TYPE unyo_test_requests_total counter
                unyo_test_requests_total {{_requests}}
                # TYPE unyo_test_good_total counter
                unyo_test_good_total {{_good}}
                # TYPE unyo_test_split_total counter
                unyo_test_split_total{code="200"} {{_scrapes * 5}}
                unyo_test_split_total{code="500"} {{_scrapes}}
                # TYPE unyo_test_idle_total counter
                unyo_test_idle_total 0

                """);
        }
    }

    private async Task WaitReadyAsync()
    {
        using var client = Client();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Prometheus exited with {_process.ExitCode} before it was ready:\n{Logs()}");
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
            await Task.Delay(200);
        }
        throw new TimeoutException($"Prometheus was not ready within 60 s:\n{Logs()}");
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
        if (_target is not null)
        {
            await _target.DisposeAsync();
        }
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
