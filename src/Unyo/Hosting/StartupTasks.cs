using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Hosting;

// Runs before the server takes requests: migrations, then the first-start owner.
public sealed class StartupTasks(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!string.Equals(configuration["UNYO_AUTO_MIGRATE"], "false", StringComparison.OrdinalIgnoreCase))
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
        else
        {
            logger.LogInformation("UNYO_AUTO_MIGRATE=false: run `unyo migrate` before starting");
        }
        await scope.ServiceProvider.GetRequiredService<OwnerBootstrap>().RunAsync(new OwnerBootstrap.Settings(
            configuration["UNYO_ADMIN_EMAIL"] ?? "admin@unyo.local",
            configuration["UNYO_ADMIN_PASSWORD"],
            configuration["UNYO_ADMIN_TOKEN"],
            Console.Out), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
