using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos.Sla;

// Counts one calendar month of an SLO from its minute buckets, as the calculator counts a window
// (MinuteCounting), up to `at`. Pure, like SloCalculator.
public static class SloMonthCalculator
{
    // minutes: the SLI's buckets covering at least the month up to `at`, oldest first.
    public static SlaMonth Count(SloDefinition definition, double objectivePercent, IReadOnlyList<SliMinute> minutes, CalendarMonth month, DateTimeOffset at, TimeSpan lateHorizon)
    {
        var (start, end) = month.SpanIn(definition.Window.TimeZone);
        var first = SliMinute.Of(start);
        // Up to the still-filling minute of `at`, as a window ending at `at` counts.
        var last = Math.Min(SliMinute.Of(end) - 1, SliMinute.LastBefore(at));
        var (from, to) = MinuteCounting.Bounds(minutes, first, last);
        var tally = MinuteCounting.Tally(definition, minutes, from, to);
        var (good, total) = definition.Budgeting == BudgetingMethod.Timeslices
            ? (tally.GoodSlices, tally.Slices)
            : (tally.Events.Good, tally.Events.Total);
        return new SlaMonth(
            month, start, end, definition.Budgeting, good, total, tally.MinutesWithData, (int)Math.Max(0, last - first + 1),
            objectivePercent, definition.TimeSliceMinutes, at, at >= end + lateHorizon, SlaSource.Minutes);
    }
}
