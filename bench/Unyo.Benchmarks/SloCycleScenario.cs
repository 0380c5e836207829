using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Maintenance;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;

namespace Unyo.Benchmarks;

/// The evaluation worker's cycle over N SLOs (99.9%, 30 days, each on its own SLI) against a real
/// database: `dotnet run -c Release --project bench/Unyo.Benchmarks -- slo-cycle [SLOS] [CYCLES] [POSTGRES]`.
/// Each SLI has an hourly bucket for 30 days and every minute of the last 3 h 10 min and around
/// each window's old edge, so every cycle reads real leaving minutes. Before each cycle, every
/// SLI gets its new minute and a tenth of them a late minute, written as ingest writes them.
/// The SLOs are healthy, as most are most of the time: 0.05% errors so far (half the budget),
/// 0.1% in each new minute (burning at 1×), so no alert fires and none is written.
/// With a fifth argument `maintenance`, every SLO excludes maintenance and every service has a
/// nightly one-hour window (03:00 UTC) whose minutes all hold data: each cycle then also reads and
/// subtracts the 30 days of window minutes of every SLI.
public static class SloCycleScenario
{
    private static readonly DateTimeOffset Start = new(2026, 3, 31, 12, 0, 30, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        var cycles = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
        await using var host = await ScenarioHost.StartAsync("slo-cycle", args.Length > 3 ? args[3] : null, services => services
            .AddScoped<SloEvaluator>()
            .AddSingleton<SloCycleState>()
            .AddSingleton<SloRoster>()
            .AddSingleton<MaintenanceCalendar>()
            .AddSingleton<ExcludedMinutes>());
        var (provider, settings) = (host.Services, host.Settings);
        var seeding = Stopwatch.StartNew();
        var slis = await SeedAsync(host, count, args.Length > 4 && args[4] == "maintenance");
        Console.WriteLine($"{settings.Provider.Name}: seeded {count} SLOs in {seeding.Elapsed.TotalSeconds:0.0} s");

        var at = Start;
        var random = new Random(4);
        for (var cycle = 0; cycle <= cycles; cycle++)
        {
            at = at.AddMinutes(1);
            var now = SliMinute.Of(at);
            var rows = slis.Select(id => new CounterDelta(id, now, 9990, 10_000))
                .Concat(slis.Where((_, i) => i % 10 == cycle % 10).Select(id => new CounterDelta(id, now - random.Next(1, 100), 1, 1)))
                .ToList();
            await host.WriteAsync(rows);
            using (var scope = provider.CreateScope())
            {
                // CPU time as well as wall time: on a shared machine the wall clock mostly measures
                // the wait for a core. On SQLite the database works in this process, so its CPU
                // time is counted; PostgreSQL's is not.
                var watch = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                await scope.ServiceProvider.GetRequiredService<SloEvaluator>().EvaluateAllAsync(at, CancellationToken.None);
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                Console.WriteLine($"cycle {cycle} ({(cycle == 0 ? "cold: sums from the database" : "warm")}): {watch.ElapsedMilliseconds} ms, CPU {cpu.TotalMilliseconds:0} ms, "
                    + $"working set {Environment.WorkingSet / 1048576} MiB, live managed heap {GC.GetTotalMemory(forceFullCollection: true) / 1048576} MiB");
            }
        }
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
        return 0;
    }

    private static async Task<List<Guid>> SeedAsync(ScenarioHost host, int count, bool maintenance)
    {
        var now = Start;
        var ids = await host.AddSlosAsync(count, now, maintenance ? (slo, _) => slo.ExcludeMaintenance = true : null);
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
        if (maintenance)
        {
            await AddNightlyWindowsAsync(host, now);
            for (var day = 0; day <= 31; day++)
            {
                var night = SliMinute.Of(new DateTimeOffset(now.UtcDateTime.Date.AddDays(-day).AddHours(3), TimeSpan.Zero));
                for (var m = 0; m < 60; m++)
                {
                    minutes.Add(night + m);
                }
            }
        }
        foreach (var edge in new[] { 6 * 60, 24 * 60, 3 * 24 * 60, 30 * 24 * 60 })
        {
            for (var m = -30; m < 30; m++)
            {
                minutes.Add(end - edge + m);
            }
        }
        await host.LoadMinutesAsync(minutes.SelectMany(minute => ids.Select(id => new CounterDelta(id, minute, 9995, 10_000))));
        return ids;
    }

    private static async Task AddNightlyWindowsAsync(ScenarioHost host, DateTimeOffset now)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        var team = await db.Teams.SingleAsync();
        foreach (var service in await db.Services.ToListAsync())
        {
            db.MaintenanceWindows.Add(new MaintenanceWindow
            {
                Id = Guid.NewGuid(), Name = $"nightly-{service.Name}", Title = "Nightly restart", TeamId = team.Id, Cron = "0 3 * * *", DurationMinutes = 60,
                TimeZone = "UTC", Services = [new MaintenanceWindowService { ServiceId = service.Id }], Revision = 1, CreatedAt = now, UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync();
    }
}
