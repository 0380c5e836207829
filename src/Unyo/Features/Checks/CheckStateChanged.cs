namespace Unyo.Features.Checks;

// Published after a check's status change is stored. InMaintenance: planned work covered it, so
// alerting stays quiet about it.
public sealed record CheckStateChanged(
    Guid CheckId,
    string Check,
    Guid ServiceId,
    string Service,
    CheckStatus From,
    CheckStatus To,
    string? Reason,
    DateTimeOffset At,
    bool InMaintenance);

// Features above checks (alerting) implement this to hear of status changes; checks cannot call
// them, standing on a lower floor. Called after the change is committed, on the node that wrote it.
public interface ICheckStateObserver
{
    Task OnChangedAsync(IReadOnlyList<CheckStateChanged> changes, CancellationToken cancellationToken);
}
