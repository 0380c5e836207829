using Unyo.Data;
using Unyo.Features.Alerts;

namespace Unyo.Features.OnCall.Escalation;

// A person to page for an alert. Escalated: a later level or run, not the first page.
public sealed record PersonalPage(Guid UserId, DateTimeOffset At, bool Escalated);

// How the escalation engine reaches people without knowing how messages are sent: Notifications
// (a floor above) implements it by writing outbox rows for each step of the person's rules, in
// the caller's transaction, so a page is stored with the escalation step or not at all.
public interface IPersonalPager
{
    Task PageAsync(UnyoDb db, Alert alert, IReadOnlyList<PersonalPage> pages, CancellationToken cancellationToken);

    // After the commit: wake this node's sender.
    void OnCommitted();
}
