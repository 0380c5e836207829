using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Unyo.Data;

// Used by `dotnet ef migrations add --context SqliteUnyoDb|PostgresUnyoDb`; no database is opened.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteUnyoDb>
{
    public SqliteUnyoDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteUnyoDb>();
        DatabaseProvider.Sqlite.Configure(builder, "Data Source=design.db");
        return new SqliteUnyoDb(builder.Options);
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresUnyoDb>
{
    public PostgresUnyoDb CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresUnyoDb>();
        DatabaseProvider.Postgres.Configure(builder, "Host=localhost;Database=unyo");
        return new PostgresUnyoDb(builder.Options);
    }
}
