using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Checks.Pages;

// A check's uptime over the last 24 hours, 7 days and 30 days, summed by the database in one
// query (30 days of a 10-second check are 43,200 minute rows; only three sums come back).
public sealed record CheckUptimes(CheckUptime Day, CheckUptime Week, CheckUptime Month)
{
    public static async Task<CheckUptimes> ReadAsync(UnyoDb db, Guid checkId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = SliMinute.Of(now);
        var (day, week, month) = (last - 24 * 60 + 1, last - 7 * 24 * 60 + 1, last - 30 * 24 * 60 + 1);
        var sums = await db.CheckMinutes
            .Where(m => m.CheckId == checkId && m.Minute >= month && m.Minute <= last)
            .GroupBy(m => m.Minute >= day ? 0 : m.Minute >= week ? 1 : 2)
            .Select(g => new { Range = g.Key, Runs = g.Sum(m => m.Up + m.Degraded + m.Down), Down = g.Sum(m => m.Down) })
            .ToListAsync(cancellationToken);
        CheckUptime Of(int range) => sums.Where(s => s.Range == range).Select(s => new CheckUptime(s.Runs, s.Down)).FirstOrDefault() ?? CheckUptime.None;
        var (first, rest, oldest) = (Of(0), Of(1), Of(2));
        return new CheckUptimes(first, first.Plus(rest), first.Plus(rest).Plus(oldest));
    }
}
