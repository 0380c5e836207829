using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Unyo.Client;

namespace Unyo.Benchmarks;

/// `escalation-lag [RATE] [SECONDS] [DATABASE]`: how late escalation steps fire under load. A real
/// `unyo serve` process routes every alert of a service to a two-level escalation policy (1 minute
/// per level, paging the owner); RATE new alerts per second go to POST /v2/enqueue for SECONDS, so
/// level 2 of the first alerts comes due while the intake is still busy. Afterwards it reads every
/// alert's escalation and reports how long after its due time each step paged: level 1 is due when
/// the alert is stored, level 2 one minute after level 1 paged. Sending is off on the server
/// (UNYO_NOTIFY_SEND=false): this measures the engine, not SMTP.
public static class EscalationScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 120;
        var database = args.Length > 3 ? args[3] : null;
        await using var server = await ServerProcess.StartAsync("escalation", database, new Dictionary<string, string> { ["UNYO_NOTIFY_SEND"] = "false" });
        var key = await SetUpAsync(server.Http);
        using var intake = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.Http.BaseAddress };
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, database {(database is null ? "SQLite" : "PostgreSQL")}; {rate} alerts/s for {seconds} s");
        var (cpu0, wall) = (server.CpuSeconds, Stopwatch.StartNew());
        var answers = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < rate * seconds; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - wall.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }
            answers.Add(intake.PostAsJsonAsync("v2/enqueue", new
            {
                routing_key = key, event_action = "trigger", dedup_key = $"esc-{i}",
                payload = new { summary = $"Escalation bench {i}", source = "bench", severity = "critical" },
            }));
        }
        var refused = (await Task.WhenAll(answers)).Count(r => !r.IsSuccessStatusCode);
        // Level 2 of the last alerts is due a minute after their level 1; give it time to fire.
        await Task.Delay(TimeSpan.FromSeconds(75));
        var cpu = (server.CpuSeconds - cpu0) / wall.Elapsed.TotalSeconds;
        var (first, second, missing) = await LagsAsync(server.Http);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rate * seconds} alerts ({refused} refused), server CPU {cpu:0.00} cores, peak RSS {server.PeakRssBytes / 1048576.0:0} MiB, {missing} alerts without both levels paged"));
        Print("level 1 (due at intake)", first);
        Print("level 2 (due 1 min after level 1)", second);
        return missing == 0 && refused == 0 ? 0 : 1;
    }

    private static void Print(string what, List<double> lags)
    {
        lags.Sort();
        double At(double q) => lags.Count == 0 ? double.NaN : lags[Math.Min(lags.Count - 1, (int)(q * lags.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: {lags.Count} steps, late by p50 {At(0.5):0.000} s, p99 {At(0.99):0.000} s, max {(lags.Count == 0 ? double.NaN : lags[^1]):0.000} s, over 5 s: {lags.Count(l => l > 5)}"));
    }

    private static async Task<string> SetUpAsync(HttpClient http)
    {
        var users = await http.GetFromJsonAsync<JsonElement>("api/v1/users");
        var owner = users.GetProperty("items")[0].GetProperty("email").GetString()!;
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
            kind: EscalationPolicy
            metadata: {name: bench-pager, team: bench}
            spec:
              levels:
                - escalateAfter: 1m
                  targets: [{user: "{{owner}}"}]
                - escalateAfter: 1m
                  targets: [{user: "{{owner}}"}]
            ---
            apiVersion: unyo.dev/v1
            kind: AlertRoute
            metadata: {name: bench-all, team: bench}
            spec:
              match: {services: [bench-svc]}
              targets: {escalationPolicy: bench-pager}
            """;
        var applied = await http.PostAsJsonAsync("api/v1/apply", new ApplyRequest { Files = [new ApplyFile("bench.yaml", yaml)] });
        if (!applied.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"apply failed: {(int)applied.StatusCode} {await applied.Content.ReadAsStringAsync()}");
        }
        var integration = await http.GetFromJsonAsync<JsonElement>("api/v1/integrations/bench-pd");
        return integration.GetProperty("key").GetString()!;
    }

    private static async Task<(List<double> First, List<double> Second, int Missing)> LagsAsync(HttpClient http)
    {
        var (first, second, missing) = (new List<double>(), new List<double>(), 0);
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"api/v1/alerts?service=bench-svc&limit=200{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            foreach (var alert in page.GetProperty("items").EnumerateArray())
            {
                var escalations = await http.GetFromJsonAsync<List<EscalationResponse>>($"api/v1/alerts/{alert.GetProperty("id").GetInt64()}/escalations");
                var escalation = escalations!.Single();
                var pages = escalation.Pages.OrderBy(p => p.Level).ToList();
                if (pages.Count < 2)
                {
                    missing++;
                    continue;
                }
                first.Add((pages[0].At - escalation.StartedAt).TotalSeconds);
                second.Add((pages[1].At - pages[0].At - TimeSpan.FromMinutes(1)).TotalSeconds);
            }
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return (first, second, missing);
    }
}
