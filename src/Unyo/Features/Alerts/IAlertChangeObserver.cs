using Unyo.Data;

namespace Unyo.Features.Alerts;

// Features above alerts (notifications, on-call) hear of alert changes through this. OnChangesAsync
// runs inside the transaction that stores the changes, on the same DbContext, so what it adds
// (an outbox row) is committed with the change or not at all: a crash cannot lose a page.
// OnCommitted runs after the commit, to wake workers on this node.
public interface IAlertChangeObserver
{
    Task OnChangesAsync(UnyoDb db, IReadOnlyList<AlertChange> changes, CancellationToken cancellationToken);

    void OnCommitted(IReadOnlyList<AlertChange> changes);
}
