using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Unyo.Features.Alerts;
using Unyo.Features.Checks.Probes;
using Unyo.Features.Notifications;
using Unyo.Features.Notifications.Channels.Senders;
using Unyo.Hosting;

namespace Unyo.Benchmarks;

/// What one notification send costs: `dotnet run -c Release --project bench/Unyo.Benchmarks -- channel-send [COUNT]`.
/// Signed webhook and Slack sends through the senders' guarded HttpClient handler to a Kestrel
/// receiver in this process (its CPU is counted too), one at a time and 16 at once; prints
/// latency percentiles, sends per second and CPU per send. Default COUNT 5000 per run.
public static class ChannelSendScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var receiver = builder.Build();
        receiver.MapPost("/{**path}", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Text("ok");
        });
        await receiver.StartAsync();
        var url = receiver.Urls.First().TrimEnd('/');
        var allowed = TargetAllowList.Parse(["127.0.0.1"], new ValidationErrors());
        using var handler = ChannelHttp.Handler(_ => Task.FromResult(allowed));
        var clients = new OneClient(new HttpClient(handler, disposeHandler: false));
        var senders = new (string Name, INotificationSender Sender, ChannelTarget Target)[]
        {
            ("webhook (signed)", new WebhookSender(clients, TimeProvider.System), Target(ChannelKind.Webhook, $"{url}/hook")),
            ("slack", new SlackSender(clients, TimeProvider.System), Target(ChannelKind.Slack, $"{url}/slack")),
        };
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, receiver in process on {url}");
        foreach (var (name, sender, target) in senders)
        {
            foreach (var parallel in new[] { 1, 16 })
            {
                await MeasureAsync(name, sender, target, count / 5, parallel);
                await MeasureAsync(name, sender, target, count, parallel, print: true);
            }
        }
        return 0;
    }

    private static ChannelTarget Target(ChannelKind kind, string url) =>
        new(Guid.NewGuid(), "bench", kind, [], new Dictionary<string, string> { ["url"] = url, ["signingSecret"] = "bench-signing-secret-0001" }, null);

    private static async Task MeasureAsync(string name, INotificationSender sender, ChannelTarget target, int count, int parallel, bool print = false)
    {
        var latencies = new double[count];
        var next = -1;
        var failed = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await sender.SendAsync(target, Message(), CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (outcome.Result != DeliveryResult.Delivered)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        wall.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        if (!print)
        {
            return;
        }
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-17} {parallel,2} at once: {count} sends ({failed} failed) = {count / wall.Elapsed.TotalSeconds,6:0}/s; p50 {latencies[count / 2]:0.00} ms, p99 {latencies[(int)(count * 0.99)]:0.00} ms; {used.TotalMilliseconds * 1000 / count:0} µs CPU per send"));
    }

    private static NotificationMessage Message() => new(
        Guid.NewGuid(), NotificationEvent.Triggered, 42, "https://unyo.example/alerts/42", "Checkout is down", "checkout", "payments",
        AlertSeverity.Critical, AlertUrgency.High, AlertStatus.Triggered, "prometheus", "checkout-down", "https://wiki.example/runbooks/checkout", false,
        [], new Dictionary<string, string> { ["env"] = "prod" }, "5xx above 5% for 10 minutes", 1, TimeProvider.System.GetUtcNow(),
        "https://unyo.example/a/ack?sig=1", "https://unyo.example/a/resolve?sig=2");

    private sealed class OneClient(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
