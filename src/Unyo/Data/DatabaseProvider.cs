using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Unyo.Data;

// The seam for everything that differs between SQLite and PostgreSQL: connection setup,
// pragmas, and which DbContext subclass (and so which migrations) to use.
public abstract class DatabaseProvider
{
    public static readonly DatabaseProvider Sqlite = new SqliteProvider();
    public static readonly DatabaseProvider Postgres = new PostgresProvider();

    public abstract string Name { get; }

    public abstract void Configure(DbContextOptionsBuilder builder, string connectionString);

    public abstract void AddDbContext(IServiceCollection services, string connectionString);

    // Describes the connection for logs without leaking a password.
    public abstract string Describe(string connectionString);

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

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
            command.ExecuteNonQuery();
        }
    }
}
