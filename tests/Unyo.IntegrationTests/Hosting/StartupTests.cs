using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unyo.Cli;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Audit;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Hosting;

/// `unyo migrate` and the first-start bootstrap, each on an empty database of its own.
public sealed partial class StartupTests
{
    private static async Task<(string Flag, string Value, DatabaseProvider Provider, string ConnectionString)> EmptyDatabaseAsync(string provider)
    {
        if (provider == Providers.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("unyo-migrate-").FullName;
            return ("--data", directory, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "unyo.db") }.ToString());
        }
        var connectionString = await UnyoApp.CreatePostgresDatabaseAsync();
        return ("--database", connectionString, DatabaseProvider.Postgres, connectionString);
    }

    // The program's own registrations, without the web host.
    private static ServiceProvider Services(DatabaseProvider provider, string connectionString)
    {
        var services = new ServiceCollection().AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddScoped<DatabaseMigrator>();
        services.AddDataProtection();
        services.AddAccounts().AddAudit();
        provider.AddDbContext(services, connectionString);
        return services.BuildServiceProvider();
    }

    [Theory, DatabaseData]
    public async Task MigrateBringsAnEmptyDatabaseUpToDate(string provider)
    {
        var (flag, value, databaseProvider, connectionString) = await EmptyDatabaseAsync(provider);
        using var stdout = new StringWriter();

        var exit = await UnyoCli.RunAsync(["migrate", flag, value], stdout, TextWriter.Null, TextReader.Null);

        Assert.Equal(0, exit);
        Assert.Contains("is up to date", stdout.ToString());
        await using var services = Services(databaseProvider, connectionString);
        await using var scope = services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().IsReadyAsync(CancellationToken.None));
        var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        if (provider == Providers.Sqlite)
        {
            Assert.Equal("wal", Assert.Single(await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()));
        }
    }

    [Theory, DatabaseData]
    public async Task FirstStartPrintsAGeneratedPasswordAndTokenOnceThatBothWork(string provider)
    {
        var (_, _, databaseProvider, connectionString) = await EmptyDatabaseAsync(provider);
        await using var services = Services(databaseProvider, connectionString);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }
        using var first = new StringWriter();
        using var second = new StringWriter();

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OwnerBootstrap>().RunAsync(new OwnerBootstrap.Settings("Owner@Example.test", null, null, first), CancellationToken.None);
        }
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OwnerBootstrap>().RunAsync(new OwnerBootstrap.Settings("other@example.test", null, null, second), CancellationToken.None);
        }

        var password = Printed().Match(first.ToString()) is { Success: true } p ? p.Groups["password"].Value : throw new InvalidOperationException(first.ToString());
        var token = TokenLine().Match(first.ToString()).Groups["token"].Value;
        Assert.Equal("", second.ToString());
        await using var check = services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<UnyoDb>();
        var owner = await check.ServiceProvider.GetRequiredService<PasswordSignIn>().CheckAsync("owner@example.test", password, CancellationToken.None);
        Assert.NotNull(owner);
        Assert.Equal(OrgRole.Owner, owner.Role);
        Assert.StartsWith("unyo_", token);
        Assert.True(await db.ApiTokens.AnyAsync(t => t.Hash == ApiTokenSecrets.Hash(token) && t.UserId == owner.Id));
        Assert.Null(await check.ServiceProvider.GetRequiredService<PasswordSignIn>().CheckAsync("owner@example.test", password + "x", CancellationToken.None));
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(["signin.failed", "signin.succeeded", "token.create", "user.create"], await db.AuditRecords.Select(r => r.Action).OrderBy(a => a).ToListAsync());
    }

    [Fact]
    public async Task AShortConfiguredPasswordIsRefusedBeforeAnythingIsWritten()
    {
        var (_, _, provider, connectionString) = await EmptyDatabaseAsync(Providers.Sqlite);
        await using var services = Services(provider, connectionString);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<OwnerBootstrap>().RunAsync(new OwnerBootstrap.Settings("a@b.test", "short", null, TextWriter.Null), CancellationToken.None));

        Assert.Contains("UNYO_ADMIN_PASSWORD", error.Message);
        Assert.False(await scope.ServiceProvider.GetRequiredService<UnyoDb>().Organisations.AnyAsync());
    }

    [GeneratedRegex(@"password:\s+(?<password>\S+)\s+\(generated")]
    private static partial Regex Printed();

    [GeneratedRegex(@"API token:\s+(?<token>unyo_\S+)")]
    private static partial Regex TokenLine();
}
