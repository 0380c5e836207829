using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Data;
using Unyo.Features.Slos;
using Unyo.Features.Slos.Sla;
using Unyo.Features.Telemetry;

namespace Unyo.Benchmarks;

/// The slo-months worker over N SLOs against a real database at the turn of a month:
/// `dotnet run -c Release --project bench/Unyo.Benchmarks -- slo-months [SLOS] [POSTGRES]`.
/// Each SLO has its own SLI with a bucket in every minute of March 2026 (44,640 per SLI); every
/// tenth SLO counts 5-minute time slices. The first run, at 02:30 on 1 April, makes March final
/// and counts the new SLOs' other months in the retention (January, February, April so far);
/// the second, an hour later, recounts only April, the month under way.
public static class SloMonthsScenario
{
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200;
        await using var host = await ScenarioHost.StartAsync("slo-months", args.Length > 2 ? args[2] : null, services => services
            .AddSingleton<SliRetention>()
            .AddScoped<SloMonthCounter>()
            .AddSingleton<Unyo.Features.Maintenance.MaintenanceCalendar>()
            .AddScoped<SloMonthRefresher>());
        var seeding = Stopwatch.StartNew();
        var slis = await host.AddSlosAsync(count, March, (slo, i) =>
        {
            if (i % 10 == 0)
            {
                (slo.Budgeting, slo.TimeSliceTargetPercent, slo.TimeSliceMinutes) = (BudgetingMethod.Timeslices, 99, 5);
            }
        });
        var first = SliMinute.Of(March);
        await host.LoadMinutesAsync(Enumerable.Range(0, 31 * 1440).Select(i => first + i)
            .SelectMany(minute => slis.Select(id => new CounterDelta(id, minute, minute % 97 == 0 ? 990 : 1000, 1000))));
        Console.WriteLine($"{host.Settings.Provider.Name}: seeded {count} SLOs, {count * 31 * 1440:N0} minute buckets in {seeding.Elapsed.TotalSeconds:0.0} s");

        var turn = new DateTimeOffset(2026, 4, 1, 2, 30, 0, TimeSpan.Zero);
        foreach (var (at, what) in new[] { (turn, "turn of the month"), (turn.AddHours(1), "an hour later") })
        {
            using var scope = host.Services.CreateScope();
            var watch = Stopwatch.StartNew();
            var written = await scope.ServiceProvider.GetRequiredService<SloMonthRefresher>().RefreshAsync(at, TimeSpan.FromHours(1), CancellationToken.None);
            Console.WriteLine($"{what}: {written} month records in {watch.ElapsedMilliseconds} ms ({watch.Elapsed.TotalMilliseconds / count:0.0} ms per SLO), "
                + $"working set {Environment.WorkingSet / 1048576} MiB");
        }
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB");
        return 0;
    }
}
