using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Checks.Pages;

// The minutes the latency chart draws, without the latencies each minute keeps for merging
// (CheckQueries.MinutesAsync reads whole rows, a few hundred bytes each, for the API).
public static class CheckLatency
{
    public static async Task<List<CheckMinuteResponse>> MinutesAsync(UnyoDb db, Guid checkId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (first, last) = (SliMinute.Of(from), SliMinute.Of(to));
        var rows = await db.CheckMinutes
            .Where(m => m.CheckId == checkId && m.Minute >= first && m.Minute <= last)
            .OrderBy(m => m.Minute)
            .Select(m => new { m.Minute, m.Up, m.Degraded, m.Down, m.P50Ms, m.P95Ms, m.P99Ms, m.MaxMs })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(m => new CheckMinuteResponse(SliMinute.Start(m.Minute), m.Up + m.Degraded + m.Down, m.Up, m.Degraded, m.Down, m.P50Ms, m.P95Ms, m.P99Ms, m.MaxMs))];
    }
}
