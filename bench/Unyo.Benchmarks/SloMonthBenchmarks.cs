using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Catalog;
using Unyo.Features.Slos;
using Unyo.Features.Slos.Sla;
using Unyo.Features.Telemetry;

namespace Unyo.Benchmarks;

/// One SLA month record of an SLO with a full month of minutes (March 2026 in Europe/Berlin:
/// 44,580 buckets): what the month worker does per SLO per refresh. CountMonth is the count in
/// memory; ReadAndCountMonth adds reading the buckets from a SQLite database on local disk, as
/// the worker does.
[MemoryDiagnoser]
public class SloMonthBenchmarks
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly CalendarMonth March = new(2026, 3);
    private static readonly DateTimeOffset At = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly Guid _sliId = Guid.NewGuid();
    private SloDefinition _definition = null!;
    private List<SliMinute> _minutes = [];
    private string _directory = "";
    private DbContextOptions<SqliteUnyoDb> _options = null!;

    [Params(BudgetingMethod.Occurrences, BudgetingMethod.Timeslices)]
    public BudgetingMethod Budgeting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _definition = new SloDefinition(0.999, SloWindow.CalendarIn(CalendarPeriod.Month, Berlin), Budgeting, BurnRateRule.WorkbookDefaults, 0.95, 5);
        var (start, end) = March.SpanIn(Berlin);
        var first = SliMinute.Of(start);
        _minutes = [.. Enumerable.Range(0, (int)(SliMinute.Of(end) - first)).Select(i => new SliMinute { SliId = _sliId, Minute = first + i, Good = i % 97 == 0 ? 900 : 999, Total = 1000 })];

        _directory = Directory.CreateTempSubdirectory("unyo-bench-").FullName;
        var builder = new DbContextOptionsBuilder<SqliteUnyoDb>();
        DatabaseProvider.Sqlite.Configure(builder, $"Data Source={Path.Combine(_directory, "unyo.db")}");
        _options = builder.Options;
        using var db = new SqliteUnyoDb(_options);
        db.Database.Migrate();
        var now = DateTimeOffset.UnixEpoch;
        var team = new Unyo.Features.Accounts.Team { Id = Guid.NewGuid(), Name = "bench", DisplayName = "bench", CreatedAt = now, UpdatedAt = now };
        var service = new Service { Id = Guid.NewGuid(), Name = "bench-svc", DisplayName = "bench", TeamId = team.Id, Tier = 1, CreatedAt = now, UpdatedAt = now };
        db.AddRange(team, service, new Sli { Id = _sliId, Name = "bench-sli", ServiceId = service.Id, Kind = SliKind.Ratio, Source = SliSource.Native, CreatedAt = now, UpdatedAt = now });
        db.SliMinutes.AddRange(_minutes);
        db.SaveChanges();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public long CountMonth() => SloMonthCalculator.Count(_definition, 99.9, _minutes, March, At, TimeSpan.FromHours(2)).Good;

    [Benchmark]
    public async Task<long> ReadAndCountMonth()
    {
        await using var db = new SqliteUnyoDb(_options);
        var (start, end) = March.SpanIn(Berlin);
        var minutes = await new SliData(db).MinutesBetweenAsync(_sliId, SliMinute.Of(start), SliMinute.Of(end) - 1, CancellationToken.None);
        return SloMonthCalculator.Count(_definition, 99.9, minutes, March, At, TimeSpan.FromHours(2)).Good;
    }
}
