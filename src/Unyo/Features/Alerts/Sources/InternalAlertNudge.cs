using System.Threading.Channels;
using Unyo.Features.Checks;
using Unyo.Features.Slos;

namespace Unyo.Features.Alerts.Sources;

// Tells the internal-alert worker to look now, rather than at its next sweep, when a check changed
// state or an SLO evaluation opened or closed a burn alert. Nudges coalesce: however many arrive
// while a sweep runs, one more sweep follows. A nudge lost in a crash is made up by the sweep.
public sealed class InternalAlertNudge : ICheckStateObserver, IBurnAlertObserver
{
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Nudge() => _nudges.Writer.TryWrite(true);

    public Task OnChangedAsync(IReadOnlyList<CheckStateChanged> changes, CancellationToken cancellationToken)
    {
        Nudge();
        return Task.CompletedTask;
    }

    public void OnBurnAlertsChanged() => Nudge();

    // True when nudged, false when the time ran out first.
    internal async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _nudges.Reader.WaitToReadAsync(timeoutSource.Token);
            return _nudges.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
