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

/// A migrated database (a new SQLite file, or the PostgreSQL connection string given) and the
/// services a scenario adds, for the scenarios that run outside BenchmarkDotNet.
public sealed class ScenarioHost : IAsyncDisposable
{
    private readonly string _data;

    private ScenarioHost(ServiceProvider services, UnyoSettings settings, string data) => (Services, Settings, _data) = (services, settings, data);

    public ServiceProvider Services { get; }

    public UnyoSettings Settings { get; }

    public static async Task<ScenarioHost> StartAsync(string name, string? database, Action<IServiceCollection> add)
    {
        var data = Path.Combine(Path.GetTempPath(), $"unyo-{name}-{Guid.NewGuid():N}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UNYO_DATA"] = data,
            ["UNYO_DATABASE"] = database,
        }).Build();
        var settings = UnyoSettings.From(configuration);
        Directory.CreateDirectory(data);
        var services = new ServiceCollection()
            .AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(settings)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(SliIngestOptions.From(configuration))
            .AddScoped<SliData>()
            .AddScoped<DatabaseMigrator>();
        add(services);
        settings.Provider.AddDbContext(services, settings.ConnectionString);
        var provider = services.BuildServiceProvider();
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }
        return new ScenarioHost(provider, settings, data);
    }

    // One team, a service per hundred SLOs, and `count` SLOs (99.9%, 30 days, occurrences unless
    // `configure` says otherwise), each on its own native ratio SLI. Returns the SLIs' ids.
    public async Task<List<Guid>> AddSlosAsync(int count, DateTimeOffset now, Action<Slo, int>? configure = null)
    {
        var ids = new List<Guid>();
        using var scope = Services.CreateScope();
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
                var slo = new Slo
                {
                    Id = Guid.NewGuid(), Name = $"slo-{i}", DisplayName = $"SLO {i}", ServiceId = service.Id, SliId = sli.Id, ObjectivePercent = 99.9,
                    RollingDays = 30, Budgeting = BudgetingMethod.Occurrences, CreatedAt = now, UpdatedAt = now,
                };
                configure?.Invoke(slo, i);
                db.AddRange(sli, slo);
                ids.Add(sli.Id);
            }
        }
        await db.SaveChangesAsync();
        return ids;
    }

    // Adds the rows to the minute buckets as ingest does, and empties the batch.
    public async Task WriteAsync(List<CounterDelta> batch)
    {
        using var scope = Services.CreateScope();
        await Settings.Provider.AddCountersAsync(scope.ServiceProvider.GetRequiredService<UnyoDb>(), SliMinuteWriter.Table, batch, CancellationToken.None);
        batch.Clear();
    }

    // Loads minute buckets by the fastest path each database has (binary COPY; one prepared
    // INSERT with a large page cache), not through the ingest upsert: seeding is not what the
    // scenarios measure. Rows should come minute by minute, as ingest writes them, so that a
    // minute's rows sit together on disk as they would. Each row is stamped when its minute
    // ended, as ingest would have stamped it (well before the database's clock for past minutes),
    // so the evaluation cycle does not take the seed for late data. Rows must be distinct.
    public async Task LoadMinutesAsync(IEnumerable<CounterDelta> rows)
    {
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            if (connection is Npgsql.NpgsqlConnection postgres)
            {
                await using (var copy = await postgres.BeginBinaryImportAsync("COPY \"SliMinutes\" (\"SliId\", \"Minute\", \"Good\", \"Total\", \"Stamp\") FROM STDIN (FORMAT BINARY)"))
                {
                    copy.Timeout = TimeSpan.FromMinutes(30);
                    foreach (var row in rows)
                    {
                        await copy.WriteRowAsync(CancellationToken.None, row.Owner, row.Period, row.Good, row.Total, (row.Period + 1) * 60);
                    }
                    await copy.CompleteAsync();
                }
                // Autovacuum would have analysed the table long before; without statistics the
                // planner takes the cycle's narrow queries for table scans.
                await using var analyze = postgres.CreateCommand();
                analyze.CommandText = "ANALYZE \"SliMinutes\"";
                await analyze.ExecuteNonQueryAsync();
            }
            else
            {
                await using (var pragma = connection.CreateCommand())
                {
                    pragma.CommandText = "PRAGMA cache_size=-524288";
                    await pragma.ExecuteNonQueryAsync();
                }
                await using var transaction = await connection.BeginTransactionAsync();
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO SliMinutes (SliId, Minute, Good, Total, Stamp) VALUES ($o, $m, $g, $t, ($m + 1) * 60)";
                var parameters = new[] { "$o", "$m", "$g", "$t" }.Select(name =>
                {
                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = name;
                    insert.Parameters.Add(parameter);
                    return parameter;
                }).ToArray();
                foreach (var row in rows)
                {
                    parameters[0].Value = row.Owner.ToString().ToUpperInvariant();
                    (parameters[1].Value, parameters[2].Value, parameters[3].Value) = (row.Period, row.Good, row.Total);
                    await insert.ExecuteNonQueryAsync();
                }
                await transaction.CommitAsync();
            }
        }
        // The seed's large page cache must not flatter what is measured: that gets the server's.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
