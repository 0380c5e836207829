using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos;

// Turns an SLI's minute buckets into an SLO's status. Pure: the same minutes and instant give
// the same answer, so the worker, the API's ?at= and the tests agree by construction.
public static class SloCalculator
{
    // minutes: the SLI's buckets covering at least definition.Lookback(at), oldest first.
    public static SloEvaluation Evaluate(SloDefinition definition, IReadOnlyList<SliMinute> minutes, DateTimeOffset at)
    {
        var end = SliMinute.LastBefore(at);
        var (periodStart, periodEnd) = definition.Window.PeriodAt(at);
        var length = definition.Window.LengthAt(at);
        // Rolling: the whole minutes of the window ending at `at`; calendar: from the period's start.
        var first = definition.Window.Rolling is { } rolling ? end - (long)rolling.TotalMinutes + 1 : SliMinute.Of(periodStart);
        var inWindow = minutes.Where(m => m.Minute >= first && m.Minute <= end).ToList();

        var counts = Sum(inWindow);
        var timeslices = definition.Budgeting == BudgetingMethod.Timeslices;
        var (goodSlices, badSlices) = timeslices ? Slices(definition, inWindow) : (0, 0);
        double? attainment = timeslices
            ? goodSlices + badSlices > 0 ? (double)goodSlices / (goodSlices + badSlices) : null
            : counts.HasData ? (double)counts.Good / counts.Total : null;

        // Occurrences: the budget is a share of the events seen; time slices: a share of the time.
        var budgetTotal = timeslices ? definition.ErrorBudget * length.TotalMinutes : definition.ErrorBudget * counts.Total;
        var consumed = timeslices ? (double)badSlices * definition.TimeSliceMinutes : counts.Bad;
        double? remaining = budgetTotal > 0 ? 1 - consumed / budgetTotal : counts.HasData && consumed > 0 ? -1 : null;

        var burnRates = Windows.BurnRateWindows.Select(w => Burn(definition, minutes, end, w)).ToList();
        var rules = definition.Rules.Select(rule =>
        {
            var longBurn = Burn(definition, minutes, end, rule.LongWindow).BurnRate;
            var shortBurn = Burn(definition, minutes, end, rule.ShortWindow).BurnRate;
            return new RuleState(rule, rule.Threshold(length), longBurn, shortBurn, rule.Fires(longBurn, shortBurn, length));
        }).ToList();

        // At the last hour's pace, when the rest of the budget is gone; none while it does not burn.
        var hourly = burnRates.Single(b => b.Window == TimeSpan.FromHours(1)).BurnRate;
        DateTimeOffset? exhaustion = remaining switch
        {
            <= 0 when consumed > 0 => at,
            > 0 when hourly > 0 => at + TimeSpan.FromMinutes(Math.Min(remaining.Value * length.TotalMinutes / hourly.Value, TimeSpan.FromDays(3650).TotalMinutes)),
            _ => null,
        };

        return new SloEvaluation(
            at, SliMinute.Start(first), definition.Window.Rolling is null ? periodEnd : at, counts, attainment,
            timeslices ? "minutes" : "events", budgetTotal, consumed, remaining, burnRates, rules, exhaustion,
            History(definition, inWindow, length, definition.Window.TimeZone));
    }

    // The error ratio over the window divided by the error budget: 1 spends the budget exactly
    // over the SLO window. Null without data in the window.
    public static BurnRateValue Burn(SloDefinition definition, IReadOnlyList<SliMinute> minutes, long end, TimeSpan window)
    {
        var first = end - (long)window.TotalMinutes + 1;
        var inWindow = minutes.Where(m => m.Minute >= first && m.Minute <= end).ToList();
        var counts = Sum(inWindow);
        double? ratio;
        if (definition.Budgeting == BudgetingMethod.Timeslices)
        {
            var (good, bad) = Slices(definition, inWindow);
            ratio = good + bad > 0 ? (double)bad / (good + bad) : null;
        }
        else
        {
            ratio = counts.ErrorRatio;
        }
        return new BurnRateValue(window, ratio / definition.ErrorBudget, counts);
    }

    // Slices of TimeSliceMinutes aligned to the epoch; a slice is good when its good share meets
    // the target. Slices without data count neither way.
    private static (int Good, int Bad) Slices(SloDefinition definition, List<SliMinute> minutes)
    {
        int good = 0, bad = 0;
        foreach (var slice in minutes.GroupBy(m => Math.DivRem(m.Minute, definition.TimeSliceMinutes, out var r) - (r < 0 ? 1 : 0)))
        {
            var counts = Sum(slice);
            if (!counts.HasData)
            {
                continue;
            }
            if ((double)counts.Good / counts.Total >= definition.TimeSliceTarget)
            {
                good++;
            }
            else
            {
                bad++;
            }
        }
        return (good, bad);
    }

    // Per day (in the SLO's timezone): the day's events and the budget left at its end, counted
    // from the window's start: the burn-down chart of the current window.
    private static List<DailyPoint> History(SloDefinition definition, List<SliMinute> minutes, TimeSpan length, TimeZoneInfo zone)
    {
        var points = new List<DailyPoint>();
        var running = new EventCounts();
        var runningBadSlices = 0;
        foreach (var day in minutes.GroupBy(m => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(SliMinute.Start(m.Minute), zone).DateTime)))
        {
            var dayMinutes = day.ToList();
            var counts = Sum(dayMinutes);
            running += counts;
            double? left;
            if (definition.Budgeting == BudgetingMethod.Timeslices)
            {
                runningBadSlices += Slices(definition, dayMinutes).Bad;
                var budget = definition.ErrorBudget * length.TotalMinutes;
                left = budget > 0 ? 1 - runningBadSlices * definition.TimeSliceMinutes / budget : null;
            }
            else
            {
                var budget = definition.ErrorBudget * running.Total;
                left = budget > 0 ? 1 - running.Bad / budget : null;
            }
            points.Add(new DailyPoint(day.Key, counts, left));
        }
        return points;
    }

    private static EventCounts Sum(IEnumerable<SliMinute> minutes)
    {
        long good = 0, total = 0;
        foreach (var minute in minutes)
        {
            good += minute.Good;
            total += minute.Total;
        }
        return new EventCounts(good, total);
    }
}
