using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;

namespace Unyo.Benchmarks;

/// The evaluation worker's cycle over N SLOs (99.9%, 30 days, each on its own SLI) against a real
/// database: `dotnet run -c Release --project bench/Unyo.Benchmarks -- slo-cycle [SLOS] [CYCLES] [POSTGRES]`.
/// Each SLI has an hourly bucket for 30 days and every minute of the last 3 h 10 min and around
/// each window's old edge, so every cycle reads real leaving minutes. Before each cycle, every
/// SLI gets its new minute and a tenth of them a late minute, written as ingest writes them.
public static class SloCycleScenario
{
    private static readonly DateTimeOffset Start = new(2026, 3, 31, 12, 0, 30, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        var cycles = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
        await using var host = await ScenarioHost.StartAsync("slo-cycle", args.Length > 3 ? args[3] : null, services => services
            .AddSingleton<SloCycleState>()
            .AddScoped<SloEvaluator>());
        var (provider, settings) = (host.Services, host.Settings);
        var seeding = Stopwatch.StartNew();
        var slis = await SeedAsync(host, count);
        Console.WriteLine($"{settings.Provider.Name}: seeded {count} SLOs in {seeding.Elapsed.TotalSeconds:0.0} s");

        var at = Start;
        var random = new Random(4);
        for (var cycle = 0; cycle <= cycles; cycle++)
        {
            at = at.AddMinutes(1);
            var now = SliMinute.Of(at);
            var rows = slis.Select(id => new CounterDelta(id, now, 998, 1000))
                .Concat(slis.Where((_, i) => i % 10 == cycle % 10).Select(id => new CounterDelta(id, now - random.Next(1, 100), 1, 1)))
                .ToList();
            await host.WriteAsync(rows);
            using (var scope = provider.CreateScope())
            {
                var watch = Stopwatch.StartNew();
                await scope.ServiceProvider.GetRequiredService<SloEvaluator>().EvaluateAllAsync(at, CancellationToken.None);
                Console.WriteLine($"cycle {cycle} ({(cycle == 0 ? "cold: sums from the database" : "warm")}): {watch.ElapsedMilliseconds} ms, "
                    + $"working set {Environment.WorkingSet / 1048576} MiB, managed heap {GC.GetTotalMemory(false) / 1048576} MiB");
            }
        }
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
        return 0;
    }

    private static async Task<List<Guid>> SeedAsync(ScenarioHost host, int count)
    {
        var now = Start;
        var ids = await host.AddSlosAsync(count, now);
        var end = SliMinute.Of(now);
        var minutes = new SortedSet<long>();
        for (var hour = 0; hour < 30 * 24; hour++)
        {
            minutes.Add(end - hour * 60);
        }
        for (var m = 0; m < 190; m++)
        {
            minutes.Add(end - m);
        }
        foreach (var edge in new[] { 6 * 60, 24 * 60, 3 * 24 * 60, 30 * 24 * 60 })
        {
            for (var m = -30; m < 30; m++)
            {
                minutes.Add(end - edge + m);
            }
        }
        var batch = new List<CounterDelta>(50_000);
        foreach (var id in ids)
        {
            foreach (var minute in minutes)
            {
                batch.Add(new CounterDelta(id, minute, 999, 1000));
                if (batch.Count == batch.Capacity)
                {
                    await host.WriteAsync(batch);
                }
            }
        }
        await host.WriteAsync(batch);
        return ids;
    }
}
