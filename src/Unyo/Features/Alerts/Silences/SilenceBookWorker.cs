using Unyo.Hosting;

namespace Unyo.Features.Alerts.Silences;

// Keeps this node's SilenceBook current.
public sealed class SilenceBookWorker(SilenceBook book, ILogger<SilenceBookWorker> logger) : RefreshWorker(logger)
{
    protected override string What => "silences";

    protected override Task RefreshAsync(CancellationToken cancellationToken) => book.RefreshAsync(force: false, cancellationToken);
}
