using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Unyo.Data;

// The seam for everything that differs between SQLite and PostgreSQL: connection setup,
// pragmas, which DbContext subclass (and so which migrations) to use, and the bulk writes that
// bypass EF Core (counters, whole rows) with each database's storage of values.
public abstract partial class DatabaseProvider
{
    public static readonly DatabaseProvider Sqlite = new SqliteProvider();
    public static readonly DatabaseProvider Postgres = new PostgresProvider();

    public abstract string Name { get; }

    public abstract void Configure(DbContextOptionsBuilder builder, string connectionString);

    public abstract void AddDbContext(IServiceCollection services, string connectionString);

    // Describes the connection for logs without leaking a password.
    public abstract string Describe(string connectionString);

    // Adds every delta to its row in one transaction (inserting rows that are missing) and returns
    // the rows written. Rows must be distinct by (Owner, Period). Both databases speak
    // INSERT … ON CONFLICT DO UPDATE; they differ in how a whole batch travels as parameters.
    public Task<int> AddCountersAsync(DbContext db, CounterTable table, IReadOnlyList<CounterDelta> rows, CancellationToken cancellationToken) =>
        UpsertCountersAsync(db, table, rows, replace: false, cancellationToken);

    // A read-only transaction in which every query sees one snapshot, without blocking writers.
    public abstract Task<IDbContextTransaction> BeginSnapshotAsync(DbContext db, CancellationToken cancellationToken);

    // Like AddCountersAsync, but each row's counts replace what the row held: for sources that
    // read a whole period's value (a PromQL answer), where reading a period twice must not count
    // it twice.
    public Task<int> SetCountersAsync(DbContext db, CounterTable table, IReadOnlyList<CounterDelta> rows, CancellationToken cancellationToken) =>
        UpsertCountersAsync(db, table, rows, replace: true, cancellationToken);

    protected abstract Task<int> UpsertCountersAsync(DbContext db, CounterTable table, IReadOnlyList<CounterDelta> rows, bool replace, CancellationToken cancellationToken);

    private static string Upsert(CounterTable t, string source, bool replace, string nowSeconds) =>
        $"""
        INSERT INTO "{t.Table}" ("{t.Owner}", "{t.Period}", "{t.Good}", "{t.Total}"{(t.Stamp is null ? "" : $", \"{t.Stamp}\"")})
        SELECT v.o, v.p, v.g, v.t{(t.Stamp is null ? "" : $", {nowSeconds}")} FROM {source}
        WHERE EXISTS (SELECT 1 FROM "{t.OwnerTable}" x WHERE x."Id" = v.o)
        ORDER BY v.o, v.p
        ON CONFLICT ("{t.Owner}", "{t.Period}") DO UPDATE SET
            "{t.Good}" = {NewValue(t, t.Good, replace)},
            "{t.Total}" = {NewValue(t, t.Total, replace)}{(t.Stamp is null ? "" : $",\n    \"{t.Stamp}\" = excluded.\"{t.Stamp}\"")}
        """;

    private static string NewValue(CounterTable t, string column, bool replace) =>
        replace ? $"excluded.\"{column}\"" : $"\"{t.Table}\".\"{column}\" + excluded.\"{column}\"";

    // True when a unique index or a foreign key refused the write: the data changed under us.
    public static bool IsConstraintViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        Npgsql.PostgresException postgres => postgres.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };

    // True when a unique index refused the write (a duplicate name, a replayed key).
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private sealed class SqliteProvider : DatabaseProvider
    {
        public override string Name => "sqlite";

        public override void Configure(DbContextOptionsBuilder builder, string connectionString) =>
            builder.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance);

        public override void AddDbContext(IServiceCollection services, string connectionString) =>
            services.AddDbContext<UnyoDb, SqliteUnyoDb>(o => Configure(o, connectionString));

        public override string Describe(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

        // SQLite finds each named parameter by a linear search of the statement's names, so binding
        // costs the square of a statement's parameters: 10,000 take seconds, 400 a few hundred µs.
        protected override int ParametersPerStatement => 400;

        // As SqliteUnyoDb's model stores them: Guids as upper-case text, instants as UTC ticks,
        // lists of numbers as JSON arrays.
        protected override object ToStored(object value) => value switch
        {
            Guid id => id.ToString().ToUpperInvariant(),
            DateTimeOffset at => at.UtcTicks,
            List<int> numbers => System.Text.Json.JsonSerializer.Serialize(numbers),
            JsonText json => json.Text,
            _ => value,
        };

        // Through the model's converter to UTC ticks, as EF Core does for JSON properties too.
        public override void WriteJsonInstant(System.Text.Json.Utf8JsonWriter writer, DateTimeOffset at) => writer.WriteNumberValue(at.UtcTicks);

        // Deferred: a plain BEGIN takes no lock until it reads, and in WAL mode its reads share
        // one snapshot while writers go on (EF's default here would be BEGIN IMMEDIATE, a write lock).
        public override async Task<IDbContextTransaction> BeginSnapshotAsync(DbContext db, CancellationToken cancellationToken)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: true);
            return (await db.Database.UseTransactionAsync(transaction, cancellationToken))!;
        }

        // Rows of four parameters, ParametersPerStatement at a time, all statements in one
        // transaction; owners are stored as the model stores them (ToStored).
        private int RowsPerStatement => ParametersPerStatement / 4;

        protected override async Task<int> UpsertCountersAsync(DbContext db, CounterTable table, IReadOnlyList<CounterDelta> rows, bool replace, CancellationToken cancellationToken)
        {
            if (rows.Count == 0)
            {
                return 0;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var written = 0;
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                await using var command = connection.CreateCommand();
                command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
                var values = new System.Text.StringBuilder(count * 24);
                for (var i = 0; i < count; i++)
                {
                    var row = rows[start + i];
                    values.Append(i == 0 ? "" : ",").Append("($o").Append(i).Append(",$p").Append(i).Append(",$g").Append(i).Append(",$t").Append(i).Append(')');
                    command.Parameters.AddWithValue("$o" + i, ToStored(row.Owner));
                    command.Parameters.AddWithValue("$p" + i, row.Period);
                    command.Parameters.AddWithValue("$g" + i, row.Good);
                    command.Parameters.AddWithValue("$t" + i, row.Total);
                }
                command.CommandText = Upsert(table, $"(SELECT column1 AS o, column2 AS p, column3 AS g, column4 AS t FROM (VALUES {values})) v", replace, SqliteUnyoDb.NowSeconds);
                written += await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return written;
        }
    }

    private sealed class PostgresProvider : DatabaseProvider
    {
        public override string Name => "postgresql";

        public override void Configure(DbContextOptionsBuilder builder, string connectionString) =>
            builder.UseNpgsql(connectionString);

        public override void AddDbContext(IServiceCollection services, string connectionString) =>
            services.AddDbContext<UnyoDb, PostgresUnyoDb>(o => Configure(o, connectionString));

        public override string Describe(string connectionString)
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }

        public override Task<IDbContextTransaction> BeginSnapshotAsync(DbContext db, CancellationToken cancellationToken) =>
            db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

        protected override int ParametersPerStatement => 10_000;

        // timestamptz takes only UTC offsets from Npgsql; lists of numbers are integer[].
        protected override object ToStored(object value) => value switch
        {
            DateTimeOffset at => at.ToUniversalTime(),
            List<int> numbers => numbers.ToArray(),
            JsonText json => json.Text,
            _ => value,
        };

        protected override void MarkJson(System.Data.Common.DbParameter parameter) =>
            ((Npgsql.NpgsqlParameter)parameter).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb;

        public override void WriteJsonInstant(System.Text.Json.Utf8JsonWriter writer, DateTimeOffset at) =>
            writer.WriteStringValue(at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        // The whole batch travels as four arrays: one statement whatever its size. ORDER BY makes
        // every node lock rows in the same order, so concurrent flushes wait rather than deadlock.
        protected override async Task<int> UpsertCountersAsync(DbContext db, CounterTable table, IReadOnlyList<CounterDelta> rows, bool replace, CancellationToken cancellationToken)
        {
            if (rows.Count == 0)
            {
                return 0;
            }
            var owners = new Guid[rows.Count];
            var periods = new long[rows.Count];
            var good = new long[rows.Count];
            var total = new long[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                (owners[i], periods[i], good[i], total[i]) = rows[i];
            }
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = ((Npgsql.NpgsqlConnection)db.Database.GetDbConnection()).CreateCommand();
                command.CommandText = Upsert(table, "unnest(@o, @p, @g, @t) AS v(o, p, g, t)", replace, PostgresUnyoDb.NowSeconds);
                command.Parameters.AddWithValue("o", owners);
                command.Parameters.AddWithValue("p", periods);
                command.Parameters.AddWithValue("g", good);
                command.Parameters.AddWithValue("t", total);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    // Per-connection settings (WAL itself is persistent and set once by the migrator):
    // busy_timeout makes concurrent writers wait for the lock instead of failing, and foreign
    // keys are off by default in SQLite.
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        // The settings live with the physical connection, which the pool hands out again and again:
        // they are set once per handle, not on every open (an alert batch opens a connection for
        // each read it makes).
        private static readonly ConditionalWeakTable<object, object> Configured = new();

        private static void Apply(DbConnection connection)
        {
            var handle = (connection as SqliteConnection)?.Handle;
            if (handle is not null && Configured.TryGetValue(handle, out _))
            {
                return;
            }
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
            command.ExecuteNonQuery();
            if (handle is not null)
            {
                Configured.AddOrUpdate(handle, handle);
            }
        }
    }
}
