using Microsoft.EntityFrameworkCore;

namespace Unyo.Data;

public sealed class PostgresUnyoDb(DbContextOptions<PostgresUnyoDb> options) : UnyoDb(options)
{
    public const string NowSeconds = "CAST(EXTRACT(EPOCH FROM now()) AS bigint)";

    public override string NowSecondsSql => NowSeconds;
}
