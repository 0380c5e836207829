using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.OnCall.Notices;

// Tells people their shift starts (Lead before it) and, every Monday 09:00 UTC, what the week
// holds for them. Each notice is written with a unique record of it in one transaction: when two
// nodes (or a restarted one) race, the second write fails on the index and sends nothing.
public sealed partial class ShiftNotices(UnyoDb db, UpcomingWatches upcoming, IPersonalNotifier notifier, ShiftNoticeOptions options, ILogger<ShiftNotices> logger)
{
    // How far ahead a shift's end is looked for; a longer watch is said to last "more than two weeks".
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(14);

    // A shift that began at most this long ago still gets its notice (a node was busy or restarting
    // when it was due); one that began before is left alone.
    public static readonly TimeSpan Late = TimeSpan.FromMinutes(5);

    public async Task<int> SendStartsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (options.Lead <= TimeSpan.Zero)
        {
            return 0;
        }
        var from = now - Late;
        var to = now + options.Lead + Horizon;
        var due = (await upcoming.BetweenAsync(from, to, cancellationToken)).Where(w => w.Start > from && w.Start - options.Lead <= now).ToList();
        if (due.Count == 0)
        {
            return 0;
        }
        var schedules = due.Select(w => w.ScheduleId).Distinct().ToList();
        var sent = await db.ShiftNotices.AsNoTracking().Where(n => schedules.Contains(n.ScheduleId) && n.ShiftStart > from)
            .Select(n => new { n.ScheduleId, n.UserId, n.ShiftStart }).ToListAsync(cancellationToken);
        var active = await ActiveAsync(due.Select(w => w.UserId), cancellationToken);
        var written = 0;
        foreach (var watch in due.Where(w => active.Contains(w.UserId) && !sent.Any(s => s.ScheduleId == w.ScheduleId && s.UserId == w.UserId && s.ShiftStart == w.Start)))
        {
            db.ShiftNotices.Add(new ShiftNotice { Id = Guid.NewGuid(), ScheduleId = watch.ScheduleId, UserId = watch.UserId, ShiftStart = watch.Start, SentAt = now });
            await notifier.NotifyAsync(db, [ShiftTexts.Starts(watch, to)], now, cancellationToken);
            written += await SaveOnceAsync($"shift notice to {watch.UserId} for {watch.Schedule} at {watch.Start:O}", cancellationToken);
        }
        return written;
    }

    private async Task<HashSet<Guid>> ActiveAsync(IEnumerable<Guid> users, CancellationToken cancellationToken)
    {
        var wanted = users.Distinct().ToList();
        return [.. await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id) && !u.Disabled).Select(u => u.Id).ToListAsync(cancellationToken)];
    }

    // 1 when written; 0 when another node (or an earlier run) wrote the same record first.
    private async Task<int> SaveOnceAsync(string what, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return 1;
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            logger.LogDebug("The {What} was already sent by another node", what);
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
