using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Unyo.Client;

namespace Unyo.Benchmarks;

/// `alert-delivery [RATE] [SECONDS] [DOWN] [DATABASE]`: from an alert's intake to its webhook.
/// A real `unyo serve` process routes every alert of a service to a signed webhook channel whose
/// receiver runs in this process. RATE new alerts per second (default 10), each with its own
/// dedup key, go to POST /v2/enqueue for SECONDS (default 60) on a fixed schedule (open loop: a
/// slow answer does not slow the sender); the time from just before each request to the
/// receiver's first sight of its notification is that alert's latency. With DOWN > 0 the receiver
/// answers 503 for DOWN seconds from a third of the run, and the scenario waits until every
/// notification has arrived (or says which did not). Every 10 s it prints the server's resident
/// memory and CPU, to show whether memory stays flat under sustained load.
public static class AlertDeliveryScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
        var down = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        var database = args.Length > 4 ? args[4] : null;

        await using var receiver = await Receiver.StartAsync();
        await using var server = await ServerProcess.StartAsync("delivery", database);
        var key = await SetUpAsync(server.Http, receiver.Url);
        using var intake = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = server.Http.BaseAddress };
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, database {(database is null ? "SQLite" : "PostgreSQL")}; " +
            $"{rate} alerts/s for {seconds} s{(down > 0 ? $", receiver down {down} s from {seconds / 3} s" : "")}");

        // Warm-up, not measured: the JIT, the connection pools and the database's caches.
        await SendAsync(intake, key, "warm", Math.Min(rate, 200), 10, receiver, down: null, report: null);
        await receiver.WaitForAsync("warm", Math.Min(rate, 200) * 10, TimeSpan.FromSeconds(60));

        var (cpu0, wall) = (server.CpuSeconds, Stopwatch.StartNew());
        var sent = await SendAsync(intake, key, "load", rate, seconds, receiver, down > 0 ? (seconds / 3, down) : null,
            elapsed => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  t={elapsed:0} s: RSS {server.RssBytes / 1048576.0:0} MiB, CPU {(server.CpuSeconds - cpu0) / wall.Elapsed.TotalSeconds:0.00} cores, delivered {receiver.Count("load")}")));
        var cpu = server.CpuSeconds - cpu0;
        var arrived = await receiver.WaitForAsync("load", sent.Count, TimeSpan.FromSeconds(down + 120));
        Report(sent, receiver, arrived, rate, cpu, server.PeakRssBytes);
        return arrived == sent.Count ? 0 : 1;
    }

    // A team, a service, a PagerDuty-style integration and a signed webhook that every alert of
    // the service is routed to; returns the integration key.
    private static async Task<string> SetUpAsync(HttpClient http, string hook)
    {
        (await http.PutAsJsonAsync("api/v1/check-settings", new CheckSettingsRequest { AllowedTargets = ["127.0.0.1"] })).EnsureSuccessStatusCode();
        var yaml = $$"""
            apiVersion: unyo.dev/v1
            kind: Team
            metadata: {name: bench}
            ---
            apiVersion: unyo.dev/v1
            kind: Service
            metadata: {name: bench-svc, team: bench}
            ---
            apiVersion: unyo.dev/v1
            kind: Integration
            metadata: {name: bench-pd, team: bench}
            spec: {service: bench-svc, type: pagerduty}
            ---
            apiVersion: unyo.dev/v1
            kind: NotificationChannel
            metadata: {name: bench-hook, team: bench}
            spec:
              type: webhook
              secrets: {url: "{{hook}}", signingSecret: bench-signing-secret-0001}
            ---
            apiVersion: unyo.dev/v1
            kind: AlertRoute
            metadata: {name: bench-all, team: bench}
            spec:
              order: 10
              match: {services: [bench-svc]}
              targets: {channels: [bench-hook]}
            """;
        var applied = await http.PostAsJsonAsync("api/v1/apply", new ApplyRequest { Files = [new ApplyFile("bench.yaml", yaml)] });
        if (!applied.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"apply failed: {(int)applied.StatusCode} {await applied.Content.ReadAsStringAsync()}");
        }
        var integration = await http.GetFromJsonAsync<JsonElement>("api/v1/integrations/bench-pd");
        return integration.GetProperty("key").GetString()!;
    }

    // Sends rate alerts a second for seconds on a fixed schedule; returns when each was sent (by
    // dedup key, Stopwatch ticks). Answers are awaited apart from the schedule.
    private static async Task<Dictionary<string, long>> SendAsync(HttpClient intake, string key, string prefix, int rate, int seconds,
        Receiver receiver, (int From, int For)? down, Action<double>? report)
    {
        var total = rate * seconds;
        var sent = new Dictionary<string, long>(total);
        var answers = new List<Task>(total);
        var failed = 0;
        var start = Stopwatch.GetTimestamp();
        var nextReport = 10.0;
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            receiver.Down = down is { } d && elapsed >= d.From && elapsed < d.From + d.For;
            if (report is not null && elapsed >= nextReport)
            {
                report(elapsed);
                nextReport += 10;
            }
            var dedup = $"{prefix}-{i}";
            var body = $$$"""{"routing_key":"{{{key}}}","event_action":"trigger","dedup_key":"{{{dedup}}}","payload":{"summary":"Bench alert {{{i}}}","source":"bench","severity":"critical"}}""";
            sent[dedup] = Stopwatch.GetTimestamp();
            answers.Add(PostAsync(intake, body, () => Interlocked.Increment(ref failed)));
        }
        receiver.Down = false;
        await Task.WhenAll(answers);
        if (failed > 0)
        {
            Console.WriteLine($"  {failed} of {total} requests were not accepted");
        }
        return sent;
    }

    private static async Task PostAsync(HttpClient intake, string body, Action failed)
    {
        using var response = await intake.PostAsync("v2/enqueue", new StringContent(body, Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            failed();
        }
    }

    private static void Report(Dictionary<string, long> sent, Receiver receiver, int arrived, int rate, double cpu, long peakRss)
    {
        var latencies = sent.Select(s => receiver.ArrivedAt(s.Key) is { } at ? Stopwatch.GetElapsedTime(s.Value, at).TotalMilliseconds : double.NaN)
            .Where(l => !double.IsNaN(l)).Order().ToArray();
        string P(double q) => latencies.Length == 0 ? "-" : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rate} alerts/s: {arrived} of {sent.Count} delivered; intake to webhook p50 {P(0.50)} ms, p90 {P(0.90)} ms, p99 {P(0.99)} ms, " +
            $"max {P(1.0)} ms; server CPU {cpu:0.0} s while sending, peak RSS {peakRss / 1048576.0:0} MiB; receiver saw {receiver.Duplicates} repeated deliveries"));
    }

    // The webhook's far end: notes when each alert's notification first arrived (by dedup key),
    // answers 503 while Down.
    private sealed class Receiver(WebApplication app) : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, long> _arrived = new();
        private readonly ConcurrentDictionary<string, byte> _deliveries = new();
        private int _duplicates;

        public string Url { get; private set; } = "";

        public volatile bool Down;

        public int Duplicates => Volatile.Read(ref _duplicates);

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", async (HttpRequest request) =>
            {
                var at = Stopwatch.GetTimestamp();
                if (receiver.Down)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                }
                var message = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                if (!receiver._deliveries.TryAdd(request.Headers["X-Unyo-Delivery"].ToString(), 0))
                {
                    Interlocked.Increment(ref receiver._duplicates);
                }
                receiver._arrived.TryAdd(message.GetProperty("dedupKey").GetString()!, at);
                return Results.Text("ok");
            });
            await app.StartAsync();
            receiver.Url = app.Urls.First() + "/hook";
            return receiver;
        }

        public long? ArrivedAt(string dedupKey) => _arrived.TryGetValue(dedupKey, out var at) ? at : null;

        public int Count(string prefix) => _arrived.Keys.Count(k => k.StartsWith(prefix + "-", StringComparison.Ordinal));

        public async Task<int> WaitForAsync(string prefix, int expected, TimeSpan patience)
        {
            var waited = Stopwatch.StartNew();
            while (Count(prefix) < expected && waited.Elapsed < patience)
            {
                await Task.Delay(100);
            }
            return Count(prefix);
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
