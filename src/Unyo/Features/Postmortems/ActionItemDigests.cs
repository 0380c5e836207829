using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.OnCall.Notices;

namespace Unyo.Features.Postmortems;

// Every Monday 09:00 UTC (the week the shift digests use), each owner of overdue action items
// gets one message listing them. The digest row is unique per person and week and is written
// with the outbox rows in one transaction: a second node, or a second run, sends nothing.
public sealed class ActionItemDigests(UnyoDb db, IPersonalNotifier notifier, ILogger<ActionItemDigests> logger)
{
    public async Task<int> SendAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var week = ShiftNotices.WeekStart(now);
        // Not sent within a day of its Monday (the server was down): next week's will do.
        if (now >= week + ShiftNotices.DigestLate)
        {
            return 0;
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var overdue = await db.ActionItems.AsNoTracking()
            .Where(a => a.OwnerId != null && (a.Status == ActionItemStatus.Open || a.Status == ActionItemStatus.InProgress) && a.DueOn != null && a.DueOn < today
                && !a.Owner!.Disabled)
            .Join(db.Postmortems, a => a.PostmortemId, p => p.Id, (a, p) => new { Item = a, p.Title })
            .ToListAsync(cancellationToken);
        if (overdue.Count == 0)
        {
            return 0;
        }
        var owners = overdue.Select(o => o.Item.OwnerId!.Value).Distinct().ToList();
        var sent = await db.ActionItemDigests.AsNoTracking().Where(d => d.WeekStart == week && owners.Contains(d.UserId)).Select(d => d.UserId).ToListAsync(cancellationToken);
        var written = 0;
        foreach (var mine in overdue.Where(o => !sent.Contains(o.Item.OwnerId!.Value)).GroupBy(o => o.Item.OwnerId!.Value))
        {
            var items = mine.OrderBy(o => o.Item.DueOn).ThenBy(o => o.Item.Id).ToList();
            db.ActionItemDigests.Add(new ActionItemDigest { Id = Guid.NewGuid(), UserId = mine.Key, WeekStart = week, Items = items.Count, SentAt = now });
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{items.Count} postmortem action item{(items.Count == 1 ? " is" : "s are")} past due:\n\n");
            foreach (var o in items)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {o.Item.Title} ({o.Item.Priority}, due {o.Item.DueOn:yyyy-MM-dd}) in \"{o.Title}\" (postmortem {o.Item.PostmortemId})\n");
            }
            text.Append("\nMark each one done, or decline it with a reason, on its postmortem.");
            var subject = items.Count == 1 ? "1 overdue postmortem action item" : $"{items.Count} overdue postmortem action items";
            var link = items.Select(o => o.Item.PostmortemId).Distinct().Count() == 1 ? $"postmortems/{items[0].Item.PostmortemId}" : "postmortems";
            await notifier.NotifyAsync(db, [new PersonalNotice(mine.Key, subject, text.ToString(), link)], now, cancellationToken);
            written += await SaveOnceAsync(mine.Key, week, cancellationToken);
        }
        return written;
    }

    private async Task<int> SaveOnceAsync(Guid user, DateTimeOffset week, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return 1;
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            logger.LogDebug("The action item digest to {User} for the week of {Week} was already sent", user, week);
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
