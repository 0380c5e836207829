using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Cli;

public static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var settings = UnyoSettings.From(configuration);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(settings.DataDirectory);
        }
        var services = new ServiceCollection()
            .AddLogging(l => l.ConfigureConsole(configuration))
            .AddScoped<DatabaseMigrator>();
        settings.Provider.AddDbContext(services, settings.ConnectionString);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await stdout.WriteLineAsync($"Database {settings.DescribeDatabase()} is up to date.");
        return 0;
    }
}
