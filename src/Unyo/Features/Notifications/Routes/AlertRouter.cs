using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Notifications.Routes;

// Decides where each alert's notifications go, from a RouteTable kept in memory. AlertRouterWorker
// calls RefreshAsync every second; it reads the count, revision sum and newest creation time of
// the routes, the channels and the escalation policies (and the count of services' policies), and the tables again only when one of those moved, so every
// node follows a routing or channel change within about a second. Writes on this node reload at once.
public sealed class AlertRouter(IServiceScopeFactory scopes, ILogger<AlertRouter> logger)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile RouteTable _table = RouteTable.Empty;
    private object? _fingerprint;
    private volatile bool _stale = true;

    // Completes after the first load: await it once before the first Route.
    public Task Loaded => _loaded.Task;

    public RouteTable Current => _table;

    public RouteDecision Route(AlertFacts facts) => _table.Route(facts);

    public void Invalidate() => _stale = true;

    public Task ReloadAsync(CancellationToken cancellationToken) => RefreshAsync(force: true, cancellationToken);

    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var reload = force || _stale;
            _stale = false;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnyoDb>();
            var routes = await db.AlertRoutes.GroupBy(_ => 1)
                .Select(g => new { Count = g.Count(), Revisions = g.Sum(r => (long)r.Revision), Newest = g.Max(r => (DateTimeOffset?)r.CreatedAt) })
                .SingleOrDefaultAsync(cancellationToken);
            var channels = await db.NotificationChannels.GroupBy(_ => 1)
                .Select(g => new { Count = g.Count(), Revisions = g.Sum(c => (long)c.Revision), Newest = g.Max(c => (DateTimeOffset?)c.CreatedAt) })
                .SingleOrDefaultAsync(cancellationToken);
            var policies = await db.EscalationPolicies.GroupBy(_ => 1)
                .Select(g => new { Count = g.Count(), Revisions = g.Sum(p => (long)p.Revision), Newest = g.Max(p => (DateTimeOffset?)p.CreatedAt) })
                .SingleOrDefaultAsync(cancellationToken);
            var claims = await db.ServiceEscalationPolicies.CountAsync(cancellationToken);
            var fingerprint = (routes?.Count ?? 0, routes?.Revisions ?? 0, routes?.Newest, channels?.Count ?? 0, channels?.Revisions ?? 0, channels?.Newest,
                (policies?.Count ?? 0, policies?.Revisions ?? 0, policies?.Newest, claims));
            if (!reload && Equals(_fingerprint, fingerprint))
            {
                return;
            }
            _table = await RouteTable.LoadAsync(db, logger, cancellationToken);
            _fingerprint = fingerprint;
            _loaded.TrySetResult();
        }
        finally
        {
            _loading.Release();
        }
    }
}
