using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts.Actions;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.AutoResolve;

// Resolves the open alerts of integrations with an auto-resolve time that have gone that long
// without an event: tools that only ever trigger (many webhooks) would otherwise leave them open
// for good. Each goes through AlertActions, so its timeline says so and the people who were paged
// hear that it resolved.
public sealed class AlertAutoResolver(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AlertAutoResolver> logger)
    : LeasedWorker(scopes, clock, logger)
{
    // At most this many per run; the next run takes the rest.
    private const int Batch = 500;

    public override string Name => "alert-auto-resolve";

    public override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override TimeSpan LeaseFor => TimeSpan.FromMinutes(2);

    protected override async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<UnyoDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var integrations = await db.Integrations.AsNoTracking().Where(i => i.AutoResolveAfterSeconds != null)
            .Select(i => new { i.Id, Seconds = i.AutoResolveAfterSeconds!.Value }).ToListAsync(cancellationToken);
        var resolved = 0;
        foreach (var integration in integrations)
        {
            var quietSince = now - TimeSpan.FromSeconds(integration.Seconds);
            var due = await db.Alerts.AsNoTracking()
                .Where(a => a.IntegrationId == integration.Id && a.ResolvedAt == null && a.LastSeenAt < quietSince)
                .OrderBy(a => a.LastSeenAt).Select(a => a.Id).Take(Batch - resolved).ToListAsync(cancellationToken);
            foreach (var id in due)
            {
                // A scope per alert: each is its own transaction, and one alert's conflict (an
                // event arrived meanwhile) does not hold back the others.
                await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                var actor = $"unyo: no event for {Durations.Format(TimeSpan.FromSeconds(integration.Seconds))}";
                try
                {
                    var (outcome, _) = await scope.ServiceProvider.GetRequiredService<AlertActions>()
                        .ApplyAsync(id, AlertActionKind.AutoResolve, actor, cancellationToken);
                    resolved += outcome == AlertActions.Outcome.Done ? 1 : 0;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // An event or a person changed it meanwhile: it is not quiet; the next run judges again.
                }
            }
            if (resolved >= Batch)
            {
                break;
            }
        }
        if (resolved > 0)
        {
            logger.LogInformation("Auto-resolved {Count} alerts that had no event for their integration's auto-resolve time", resolved);
        }
    }
}
