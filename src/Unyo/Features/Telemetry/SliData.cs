using Microsoft.EntityFrameworkCore;
using Unyo.Data;

namespace Unyo.Features.Telemetry;

// Reads an SLI's buckets for evaluation and reports.
public sealed class SliData(UnyoDb db)
{
    // Every minute with data that a window of `lookback` ending at `at` can touch, oldest first.
    public Task<List<SliMinute>> MinutesAsync(Guid sliId, DateTimeOffset at, TimeSpan lookback, CancellationToken cancellationToken) =>
        MinutesBetweenAsync(sliId, SliMinute.Of(at - lookback), SliMinute.LastBefore(at), cancellationToken);

    // Every minute with data in [first, last], oldest first. The SLI's id is left out of each row
    // (the caller knows it): on SQLite it is text, and parsing it 43,200 times per month read
    // costs more than the rest of the row.
    public Task<List<SliMinute>> MinutesBetweenAsync(Guid sliId, long first, long last, CancellationToken cancellationToken) =>
        db.SliMinutes.AsNoTracking()
            .Where(m => m.SliId == sliId && m.Minute >= first && m.Minute <= last)
            .OrderBy(m => m.Minute)
            .Select(m => new SliMinute { Minute = m.Minute, Good = m.Good, Total = m.Total })
            .ToListAsync(cancellationToken);

    // The check whose results feed each SLI (source check) among `sliIds`, or among all SLIs when
    // null: maintenance windows on that check cover those SLIs' minutes too.
    public async Task<Dictionary<Guid, string>> ChecksFeedingAsync(IReadOnlyCollection<Guid>? sliIds, CancellationToken cancellationToken)
    {
        var query = db.Slis.AsNoTracking().Where(s => s.Source == SliSource.Check);
        if (sliIds is not null)
        {
            query = query.Where(s => sliIds.Contains(s.Id));
        }
        return (await query.Select(s => new { s.Id, s.Kind, s.SourceSettings }).ToListAsync(cancellationToken))
            .ToDictionary(s => s.Id, s => SliSourceSettings.FromStored(SliSource.Check, s.Kind, s.SourceSettings).Check!);
    }
}
