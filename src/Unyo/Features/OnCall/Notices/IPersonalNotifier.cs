using Unyo.Data;

namespace Unyo.Features.OnCall.Notices;

// How shift notices reach people without OnCall knowing how messages are sent: Notifications (a
// floor above) implements it by writing outbox rows in the caller's transaction, so a notice is
// stored with the record that it was sent, or not at all.
public interface IPersonalNotifier
{
    Task NotifyAsync(UnyoDb db, IReadOnlyList<PersonalNotice> notices, DateTimeOffset at, CancellationToken cancellationToken);

    // After the commit: wake this node's sender.
    void OnCommitted();
}
