using Microsoft.EntityFrameworkCore;

namespace Unyo.Data;

public sealed class PostgresUnyoDb(DbContextOptions<PostgresUnyoDb> options) : UnyoDb(options);
