using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Telemetry;

// Reads an SLI's buckets for evaluation.
public sealed class SliData(UnyoDb db)
{
    // Every minute with data that a window of `lookback` ending at `at` can touch, oldest first.
    public Task<List<SliMinute>> MinutesAsync(Guid sliId, DateTimeOffset at, TimeSpan lookback, CancellationToken cancellationToken)
    {
        var first = SliMinute.Of(at - lookback);
        var last = SliMinute.LastBefore(at);
        return db.SliMinutes.AsNoTracking()
            .Where(m => m.SliId == sliId && m.Minute >= first && m.Minute <= last)
            .OrderBy(m => m.Minute)
            .ToListAsync(cancellationToken);
    }
}
