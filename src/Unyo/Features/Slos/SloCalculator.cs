using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos;

// The good and total events of the minutes [first, last] of one SLI.
public interface IWindowSums
{
    EventCounts Sum(long first, long last);
}

// Turns an SLI's minute buckets into an SLO's status. Pure: the same minutes and instant give
// the same answer, so the worker, the API's ?at= and the tests agree by construction.
public static class SloCalculator
{
    // minutes: the SLI's buckets covering at least definition.Lookback(at), oldest first.
    public static SloEvaluation Evaluate(SloDefinition definition, IReadOnlyList<SliMinute> minutes, DateTimeOffset at)
    {
        using var index = new MinuteIndex(minutes);
        return Evaluate(definition, index, index, at);
    }

    // The worker's path: the same figures from sums the caller keeps per window (RunningSums),
    // without the daily history. Time slices need the minutes themselves, so they take Evaluate.
    public static SloEvaluation EvaluateFromSums(SloDefinition definition, IWindowSums sums, DateTimeOffset at) =>
        definition.Budgeting == BudgetingMethod.Timeslices
            ? throw new ArgumentException("Time-slice SLOs are evaluated from their minutes.", nameof(definition))
            : Evaluate(definition, sums, null, at);

    // The lengths in minutes of the rolling windows whose sums an evaluation asks for.
    public static IEnumerable<long> RollingWindowMinutes(SloDefinition definition) =>
        Windows.BurnRateWindows.Concat(definition.Rules.SelectMany(r => new[] { r.LongWindow, r.ShortWindow }))
            .Select(w => (long)w.TotalMinutes)
            .Concat(definition.Window.Rolling is { } rolling ? [(long)rolling.TotalMinutes] : [])
            .Distinct();

    private static SloEvaluation Evaluate(SloDefinition definition, IWindowSums sums, MinuteIndex? index, DateTimeOffset at)
    {
        var end = SliMinute.LastBefore(at);
        var (periodStart, periodEnd) = definition.Window.PeriodAt(at);
        var length = definition.Window.LengthAt(at);
        // Rolling: the whole minutes of the window ending at `at`; calendar: from the period's start.
        var first = definition.Window.Rolling is { } rolling ? end - (long)rolling.TotalMinutes + 1 : SliMinute.Of(periodStart);

        var counts = sums.Sum(first, end);
        var timeslices = definition.Budgeting == BudgetingMethod.Timeslices;
        var (goodSlices, badSlices) = timeslices ? index!.Slices(definition, first, end) : (0, 0);
        double? attainment = timeslices
            ? goodSlices + badSlices > 0 ? (double)goodSlices / (goodSlices + badSlices) : null
            : counts.HasData ? (double)counts.Good / counts.Total : null;

        // Occurrences: the budget is a share of the events seen; time slices: a share of the time.
        var budgetTotal = timeslices ? definition.ErrorBudget * length.TotalMinutes : definition.ErrorBudget * counts.Total;
        var consumed = timeslices ? (double)badSlices * definition.TimeSliceMinutes : counts.Bad;
        double? remaining = budgetTotal > 0 ? 1 - consumed / budgetTotal : counts.HasData && consumed > 0 ? -1 : null;

        var burnRates = Windows.BurnRateWindows.Select(w => Burn(definition, sums, index, end, w)).ToList();
        var rules = definition.Rules.Select(rule =>
        {
            var longBurn = Burn(definition, sums, index, end, rule.LongWindow).BurnRate;
            var shortBurn = Burn(definition, sums, index, end, rule.ShortWindow).BurnRate;
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
            index is null ? [] : History(definition, index, first, end, length, definition.Window.TimeZone));
    }

    // The error ratio over the window divided by the error budget: 1 spends the budget exactly
    // over the SLO window. Null without data in the window.
    public static BurnRateValue Burn(SloDefinition definition, IReadOnlyList<SliMinute> minutes, long end, TimeSpan window)
    {
        using var index = new MinuteIndex(minutes);
        return Burn(definition, index, index, end, window);
    }

    private static BurnRateValue Burn(SloDefinition definition, IWindowSums sums, MinuteIndex? index, long end, TimeSpan window)
    {
        var first = end - (long)window.TotalMinutes + 1;
        var counts = sums.Sum(first, end);
        double? ratio;
        if (definition.Budgeting == BudgetingMethod.Timeslices)
        {
            var (good, bad) = index!.Slices(definition, first, end);
            ratio = good + bad > 0 ? (double)bad / (good + bad) : null;
        }
        else
        {
            ratio = counts.ErrorRatio;
        }
        return new BurnRateValue(window, ratio / definition.ErrorBudget, counts);
    }

    // Per day (in the SLO's timezone): the day's events and the budget left at its end, counted
    // from the window's start: the burn-down chart of the current window. One pass; the zone is
    // consulted once per day, not once per minute.
    private static List<DailyPoint> History(SloDefinition definition, MinuteIndex index, long first, long end, TimeSpan length, TimeZoneInfo zone)
    {
        var points = new List<DailyPoint>();
        var running = new EventCounts();
        var runningBadSlices = 0;
        for (var dayStart = first; dayStart <= end;)
        {
            var (day, nextDay) = DayOf(dayStart, zone);
            var dayEnd = Math.Min(nextDay - 1, end);
            if (index.Any(dayStart, dayEnd))
            {
                var counts = index.Sum(dayStart, dayEnd);
                running += counts;
                double? left;
                if (definition.Budgeting == BudgetingMethod.Timeslices)
                {
                    runningBadSlices += index.Slices(definition, dayStart, dayEnd).Bad;
                    var budget = definition.ErrorBudget * length.TotalMinutes;
                    left = budget > 0 ? 1 - runningBadSlices * definition.TimeSliceMinutes / budget : null;
                }
                else
                {
                    var budget = definition.ErrorBudget * running.Total;
                    left = budget > 0 ? 1 - running.Bad / budget : null;
                }
                points.Add(new DailyPoint(day, counts, left));
            }
            dayStart = nextDay;
        }
        return points;
    }

    // The local day a minute falls in, and the first minute of the next local day.
    private static (DateOnly Day, long NextDayMinute) DayOf(long minute, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(SliMinute.Start(minute), zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        return (day, SliMinute.Of(SloWindow.StartOfDay(local.Date.AddDays(1), zone)));
    }

    // Prefix sums over the minutes (oldest first), so any window's counts cost two binary
    // searches instead of a pass over the list. The arrays are rented: for a 30-day window they
    // are large-object-heap sized, and allocating them per SLO per minute cost more in gen-2
    // collections than the arithmetic.
    private sealed class MinuteIndex : IWindowSums, IDisposable
    {
        private readonly IReadOnlyList<SliMinute> _minutes;
        private readonly long[] _good;
        private readonly long[] _total;

        public MinuteIndex(IReadOnlyList<SliMinute> minutes)
        {
            _minutes = minutes;
            _good = System.Buffers.ArrayPool<long>.Shared.Rent(minutes.Count + 1);
            _total = System.Buffers.ArrayPool<long>.Shared.Rent(minutes.Count + 1);
            _good[0] = _total[0] = 0;
            for (var i = 0; i < minutes.Count; i++)
            {
                _good[i + 1] = _good[i] + minutes[i].Good;
                _total[i + 1] = _total[i] + minutes[i].Total;
            }
        }

        public void Dispose()
        {
            System.Buffers.ArrayPool<long>.Shared.Return(_good);
            System.Buffers.ArrayPool<long>.Shared.Return(_total);
        }

        public EventCounts Sum(long first, long last)
        {
            var (from, to) = Bounds(first, last);
            return new EventCounts(_good[to] - _good[from], _total[to] - _total[from]);
        }

        public bool Any(long first, long last)
        {
            var (from, to) = Bounds(first, last);
            return to > from;
        }

        // Good and bad time slices within [first, last] (MinuteCounting judges them).
        public (int Good, int Bad) Slices(SloDefinition definition, long first, long last)
        {
            var (from, to) = Bounds(first, last);
            var tally = MinuteCounting.Tally(definition, _minutes, from, to);
            return (tally.GoodSlices, tally.BadSlices);
        }

        private (int From, int To) Bounds(long first, long last) => MinuteCounting.Bounds(_minutes, first, last);
    }
}
