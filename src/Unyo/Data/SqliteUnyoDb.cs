using Microsoft.EntityFrameworkCore;

namespace Unyo.Data;

public sealed class SqliteUnyoDb(DbContextOptions<SqliteUnyoDb> options) : UnyoDb(options)
{
    public const string NowSeconds = "CAST(strftime('%s', 'now') AS INTEGER)";

    public override string NowSecondsSql => NowSeconds;

    // SQLite has no native timestamp type and EF cannot compare or order DateTimeOffset stored as
    // text, so every timestamp is stored as UTC ticks: sortable, exact and index-friendly.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
}
