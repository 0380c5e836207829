using Unyo.Features.Maintenance;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos;

// Which SLI minutes an SLO with ExcludeMaintenance leaves out: every minute that overlaps a
// maintenance window covering its service, or naming the check whose results feed its SLI, whole
// or in part (a minute's events cannot be told apart within it). Those minutes count neither good
// nor bad: as if no event had happened.
public static class MaintenanceExclusion
{
    // Ranges of minutes [First, Last] within [first, last], in order, not touching each other.
    // `check`: the check feeding the SLI, or null when another source does.
    public static List<(long First, long Last)> Ranges(MaintenanceTimetable timetable, Guid serviceId, string? check, long first, long last)
    {
        var ranges = new List<(long First, long Last)>();
        if (last < first)
        {
            return ranges;
        }
        foreach (var (start, end) in timetable.IntervalsFor(serviceId, check, SliMinute.Start(first), SliMinute.Start(last + 1)))
        {
            var from = Math.Max(first, SliMinute.Of(start));
            var to = Math.Min(last, SliMinute.LastBefore(end));
            if (from > to)
            {
                continue;
            }
            // Two spans a few seconds apart share their boundary minute: it is left out once.
            if (ranges.Count > 0 && from <= ranges[^1].Last + 1)
            {
                ranges[^1] = (ranges[^1].First, Math.Max(ranges[^1].Last, to));
            }
            else
            {
                ranges.Add((from, to));
            }
        }
        return ranges;
    }

    // The minutes (oldest first) outside the ranges.
    public static List<SliMinute> Without(IReadOnlyList<SliMinute> minutes, IReadOnlyList<(long First, long Last)> ranges)
    {
        var kept = new List<SliMinute>(minutes.Count);
        var r = 0;
        foreach (var minute in minutes)
        {
            while (r < ranges.Count && ranges[r].Last < minute.Minute)
            {
                r++;
            }
            if (r == ranges.Count || minute.Minute < ranges[r].First)
            {
                kept.Add(minute);
            }
        }
        return kept;
    }

    public static bool Contains(IReadOnlyList<(long First, long Last)> ranges, long minute)
    {
        int low = 0, high = ranges.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (ranges[middle].Last < minute)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low < ranges.Count && ranges[low].First <= minute;
    }
}
