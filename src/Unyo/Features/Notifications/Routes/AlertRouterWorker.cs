using Unyo.Hosting;

namespace Unyo.Features.Notifications.Routes;

// Keeps this node's AlertRouter current.
public sealed class AlertRouterWorker(AlertRouter router, ILogger<AlertRouterWorker> logger) : RefreshWorker(logger)
{
    protected override string What => "alert routes";

    protected override Task RefreshAsync(CancellationToken cancellationToken) => router.RefreshAsync(force: false, cancellationToken);
}
