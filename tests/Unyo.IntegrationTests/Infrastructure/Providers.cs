using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Unyo.IntegrationTests.Infrastructure;

public static class Providers
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}

/// Runs a test once per database provider (like bitwarden's [DatabaseData]): the same
/// assertions must hold on SQLite and on PostgreSQL.
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabaseDataAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        new([new TheoryDataRow(Providers.Sqlite), new TheoryDataRow(Providers.Postgres)]);

    public override bool SupportsDiscoveryEnumeration() => true;
}
