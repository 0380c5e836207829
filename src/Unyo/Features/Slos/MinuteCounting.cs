using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos;

// How an SLO counts a run of minute buckets (oldest first): events summed, minutes with data
// counted, time slices judged. The calculator and the monthly SLA records both count here, so a
// month in a report and a calendar month's status agree by construction.
public static class MinuteCounting
{
    // [from, to): the positions of the minutes within [first, last].
    public static (int From, int To) Bounds(IReadOnlyList<SliMinute> minutes, long first, long last) =>
        (LowerBound(minutes, first), LowerBound(minutes, last + 1));

    // One pass over minutes[from..to). Slices are TimeSliceMinutes long, aligned to the epoch and
    // cut at the ends of the run; a slice is good when its good share meets the target, and a
    // slice without events counts neither way. Occurrence SLOs skip the slices.
    public static MinuteTally Tally(SloDefinition definition, IReadOnlyList<SliMinute> minutes, int from, int to)
    {
        var timeslices = definition.Budgeting == BudgetingMethod.Timeslices;
        // Compared in decimal: as a double, 99.9% is 0.9990000000000001, and a slice with exactly
        // 999 good events of 1,000 would miss it.
        var target = timeslices ? (decimal)definition.TimeSliceTarget : 0m;
        long good = 0, total = 0, slice = long.MinValue, sliceGood = 0, sliceTotal = 0;
        int withData = 0, goodSlices = 0, badSlices = 0;
        for (var i = from; i < to; i++)
        {
            var minute = minutes[i];
            good += minute.Good;
            total += minute.Total;
            if (minute.Total > 0)
            {
                withData++;
            }
            if (!timeslices)
            {
                continue;
            }
            var current = Math.DivRem(minute.Minute, definition.TimeSliceMinutes, out var rem) - (rem < 0 ? 1 : 0);
            if (current != slice)
            {
                Judge(sliceGood, sliceTotal, target, ref goodSlices, ref badSlices);
                (slice, sliceGood, sliceTotal) = (current, 0, 0);
            }
            sliceGood += minute.Good;
            sliceTotal += minute.Total;
        }
        Judge(sliceGood, sliceTotal, target, ref goodSlices, ref badSlices);
        return new MinuteTally(new EventCounts(good, total), withData, goodSlices, badSlices);
    }

    private static void Judge(long good, long total, decimal target, ref int goodSlices, ref int badSlices)
    {
        if (total <= 0)
        {
            return;
        }
        if (good >= target * total)
        {
            goodSlices++;
        }
        else
        {
            badSlices++;
        }
    }

    private static int LowerBound(IReadOnlyList<SliMinute> minutes, long minute)
    {
        int low = 0, high = minutes.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (minutes[middle].Minute < minute)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }
}
