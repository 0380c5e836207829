using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Unyo.Client;

namespace Unyo.Benchmarks;

/// `incident-page [ENTRIES] [REQUESTS] [DATABASE]`: how long the incident page takes to render
/// with a long timeline (the issue's goal: 1,000 entries in at most 100 ms p95). A real `unyo
/// serve` process; an incident gets ENTRIES timeline entries through the API (Markdown notes,
/// which cost the most to render), then the page and the bare timeline page that the live refresh
/// fetches are requested REQUESTS times each, one at a time, after a warm-up.
public static class IncidentPageScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var entries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var requests = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var database = args.Length > 3 ? args[3] : null;
        await using var server = await ServerProcess.StartAsync("incident-page", database);
        var http = server.Http;
        (await http.PostAsJsonAsync("api/v1/teams", new TeamRequest { Name = "bench" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync("api/v1/services", new ServiceRequest { Name = "bench-svc", Team = "bench", Tier = 1 })).EnsureSuccessStatusCode();
        var declared = await (await http.PostAsJsonAsync("api/v1/incidents", new DeclareIncidentRequest { Title = "Checkout fails <b>for EU</b>", Severity = 2, Services = ["bench-svc"] }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<IncidentDetailResponse>();
        var id = declared!.Incident.Id;
        // Declaring wrote three entries.
        for (var i = 3; i < entries; i++)
        {
            (await http.PostAsJsonAsync($"api/v1/incidents/{id}/notes", new IncidentNoteRequest
            {
                Text = $"Step {i}: rolled back **build {i}** on `eu-west-1`; error rate now {i % 17}% — see [the dashboard](https://grafana.example.com/d/{i}) <script>x</script>",
            })).EnsureSuccessStatusCode();
        }
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, database {(database is null ? "SQLite" : "PostgreSQL")}; incident with {entries} timeline entries, {requests} requests per page");
        var ok = true;
        foreach (var page in new[] { $"incidents/{id}", $"incidents/{id}/timeline", $"api/v1/incidents/{id}" })
        {
            for (var i = 0; i < 20; i++)
            {
                (await http.GetAsync(page)).EnsureSuccessStatusCode();
            }
            var times = new List<double>();
            long bytes = 0;
            for (var i = 0; i < requests; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(page);
                var body = await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
                times.Add(watch.Elapsed.TotalMilliseconds);
                bytes = body.Length;
            }
            times.Sort();
            double At(double q) => times[Math.Min(times.Count - 1, (int)(q * times.Count))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  GET /{page}: {bytes / 1024.0:0} KiB, p50 {At(0.5):0.0} ms, p95 {At(0.95):0.0} ms, p99 {At(0.99):0.0} ms, max {times[^1]:0.0} ms"));
            ok &= !page.StartsWith("incidents/", StringComparison.Ordinal) || At(0.95) <= 100;
        }
        return ok ? 0 : 1;
    }
}
