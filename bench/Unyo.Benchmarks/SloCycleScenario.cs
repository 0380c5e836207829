using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Ingest;
using Unyo.Hosting;

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
        var data = Path.Combine(Path.GetTempPath(), $"unyo-slo-cycle-{Guid.NewGuid():N}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UNYO_DATA"] = data,
            ["UNYO_DATABASE"] = args.Length > 3 ? args[3] : null,
        }).Build();
        var settings = UnyoSettings.From(configuration);
        var services = new ServiceCollection()
            .AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(settings)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(SliIngestOptions.From(configuration))
            .AddScoped<SliData>()
            .AddSingleton<SloCycleState>()
            .AddScoped<SloEvaluator>()
            .AddScoped<DatabaseMigrator>();
        settings.Provider.AddDbContext(services, settings.ConnectionString);
        await using var provider = services.BuildServiceProvider();
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }
        var seeding = Stopwatch.StartNew();
        var slis = await SeedAsync(provider, settings, count);
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
            using (var scope = provider.CreateScope())
            {
                await settings.Provider.AddCountersAsync(scope.ServiceProvider.GetRequiredService<UnyoDb>(), SliMinuteWriter.Table, rows, CancellationToken.None);
            }
            using (var scope = provider.CreateScope())
            {
                var watch = Stopwatch.StartNew();
                await scope.ServiceProvider.GetRequiredService<SloEvaluator>().EvaluateAllAsync(at, CancellationToken.None);
                Console.WriteLine($"cycle {cycle} ({(cycle == 0 ? "cold: sums from the database" : "warm")}): {watch.ElapsedMilliseconds} ms, "
                    + $"working set {Environment.WorkingSet / 1048576} MiB, managed heap {GC.GetTotalMemory(false) / 1048576} MiB");
            }
        }
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
        return 0;
    }

    private static async Task<List<Guid>> SeedAsync(ServiceProvider provider, UnyoSettings settings, int count)
    {
        var now = Start;
        var ids = new List<Guid>();
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
            var team = new Team { Id = Guid.NewGuid(), Name = "bench", DisplayName = "bench", CreatedAt = now, UpdatedAt = now };
            db.Add(team);
            for (var s = 0; s < count; s += 100)
            {
                var service = new Service { Id = Guid.NewGuid(), Name = $"svc-{s / 100}", DisplayName = "svc", TeamId = team.Id, Tier = 2, CreatedAt = now, UpdatedAt = now };
                db.Add(service);
                for (var i = s; i < Math.Min(count, s + 100); i++)
                {
                    var sli = new Sli { Id = Guid.NewGuid(), Name = $"sli-{i}", ServiceId = service.Id, Kind = SliKind.Ratio, Source = SliSource.Native, CreatedAt = now, UpdatedAt = now };
                    db.AddRange(sli, new Slo
                    {
                        Id = Guid.NewGuid(), Name = $"slo-{i}", DisplayName = $"SLO {i}", ServiceId = service.Id, SliId = sli.Id, ObjectivePercent = 99.9,
                        RollingDays = 30, Budgeting = BudgetingMethod.Occurrences, CreatedAt = now, UpdatedAt = now,
                    });
                    ids.Add(sli.Id);
                }
            }
            await db.SaveChangesAsync();
        }
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
                    await WriteAsync(provider, settings, batch);
                }
            }
        }
        await WriteAsync(provider, settings, batch);
        return ids;
    }

    private static async Task WriteAsync(ServiceProvider provider, UnyoSettings settings, List<CounterDelta> batch)
    {
        using var scope = provider.CreateScope();
        await settings.Provider.AddCountersAsync(scope.ServiceProvider.GetRequiredService<UnyoDb>(), SliMinuteWriter.Table, batch, CancellationToken.None);
        batch.Clear();
    }
}
