using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Telemetry;

namespace Unyo.Features.StatusPages.Public;

// 90 days of availability per component, from the checks' per-minute counts: a check-minute is
// down when most of its runs failed; a day's availability is the share of the component's
// check-minutes that day (UTC) that were not down. Days past hardly change, so the bars of a page
// are kept for Keep (per node), and recomputed when the page's components change.
public sealed class UptimeBars(UnyoDb db, UptimeBars.Cache cache)
{
    public const int Days = 90;
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(2);
    private const int MinutesPerDay = 1440;

    public sealed class Cache
    {
        internal ConcurrentDictionary<string, (string Key, DateTimeOffset At, IReadOnlyList<IReadOnlyList<UptimeDay>> Bars)> Pages { get; } = new(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<IReadOnlyList<UptimeDay>>> ForAsync(string page, IReadOnlyList<StatusPageComponent> components, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = string.Join(';', components.Select(c => $"{c.ServiceId}/{c.Check}"));
        if (cache.Pages.TryGetValue(page, out var kept) && kept.Key == key && now - kept.At < Keep && now.UtcDateTime.Date == kept.At.UtcDateTime.Date)
        {
            return kept.Bars;
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(1 - Days);
        var firstMinute = SliMinute.Of(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        var serviceIds = components.Select(c => c.ServiceId).Distinct().ToList();
        var checks = await db.Checks.AsNoTracking().Where(c => serviceIds.Contains(c.ServiceId)).Select(c => new { c.Id, c.Name, c.ServiceId }).ToListAsync(cancellationToken);
        var checkIds = checks.Select(c => c.Id).ToList();
        var rows = await db.CheckMinutes.AsNoTracking().Where(m => checkIds.Contains(m.CheckId) && m.Minute >= firstMinute)
            .GroupBy(m => new { m.CheckId, Day = m.Minute / MinutesPerDay })
            .Select(g => new { g.Key.CheckId, g.Key.Day, Minutes = g.Count(), Down = g.Count(m => m.Down > m.Up + m.Degraded) })
            .ToListAsync(cancellationToken);
        var firstDay = firstMinute / MinutesPerDay;
        var bars = new List<IReadOnlyList<UptimeDay>>(components.Count);
        foreach (var component in components)
        {
            var mine = checks.Where(c => c.ServiceId == component.ServiceId && (component.Check is null || c.Name == component.Check)).Select(c => c.Id).ToHashSet();
            var minutes = new long[Days];
            var down = new long[Days];
            foreach (var row in rows.Where(r => mine.Contains(r.CheckId)))
            {
                var index = (int)(row.Day - firstDay);
                if (index is >= 0 and < Days)
                {
                    (minutes[index], down[index]) = (minutes[index] + row.Minutes, down[index] + row.Down);
                }
            }
            bars.Add([.. Enumerable.Range(0, Days).Select(i => new UptimeDay(first.AddDays(i), minutes[i] == 0 ? null : 1 - ((double)down[i] / minutes[i])))]);
        }
        cache.Pages[page] = (key, now, bars);
        return bars;
    }
}
