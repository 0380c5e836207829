using Microsoft.EntityFrameworkCore;

namespace Unyo.Features.OnCall.Notices;

// The weekly digest: Monday 09:00 UTC (people have no time zone of their own yet), to each
// person with a shift in the seven days from then.
public sealed partial class ShiftNotices
{
    // A digest not sent within a day of its Monday (the server was down) is skipped: by Tuesday
    // it would list shifts already under way as news.
    public static readonly TimeSpan DigestLate = TimeSpan.FromDays(1);

    public static DateTimeOffset WeekStart(DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7)).AddHours(9);
        return monday > now ? monday.AddDays(-7) : monday;
    }

    public async Task<int> SendDigestsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var week = WeekStart(now);
        if (now >= week + DigestLate)
        {
            return 0;
        }
        var end = week.AddDays(7);
        var horizon = week + Horizon;
        // From a week back, so a watch under way at 09:00 shows its real start.
        var watches = (await upcoming.BetweenAsync(week.AddDays(-7), horizon, cancellationToken)).Where(w => w.End > week && w.Start < end).ToList();
        if (watches.Count == 0)
        {
            return 0;
        }
        var users = watches.Select(w => w.UserId).Distinct().ToList();
        var sent = await db.ShiftDigests.AsNoTracking().Where(d => d.WeekStart == week && users.Contains(d.UserId)).Select(d => d.UserId).ToListAsync(cancellationToken);
        var active = await ActiveAsync(users, cancellationToken);
        var written = 0;
        foreach (var mine in watches.Where(w => active.Contains(w.UserId) && !sent.Contains(w.UserId)).GroupBy(w => w.UserId))
        {
            var list = mine.OrderBy(w => w.Start).ThenBy(w => w.Schedule, StringComparer.Ordinal).ToList();
            db.ShiftDigests.Add(new ShiftDigest { Id = Guid.NewGuid(), UserId = mine.Key, WeekStart = week, Shifts = list.Count, SentAt = now });
            await notifier.NotifyAsync(db, [ShiftTexts.Digest(mine.Key, week, list, horizon)], now, cancellationToken);
            written += await SaveOnceAsync($"digest to {mine.Key} for the week of {week:O}", cancellationToken);
        }
        return written;
    }
}
