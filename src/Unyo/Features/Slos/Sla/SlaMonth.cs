namespace Unyo.Features.Slos.Sla;

// Where a month's figures come from: counted from minute buckets now, a stored month record, or
// nowhere (no record, and the minutes are gone or were never counted).
public enum SlaSource
{
    Minutes,
    Record,
    None,
}

// One calendar month of an SLO and how it stands against the objective. Good and Total are
// events, or good slices and slices with data for time-slice SLOs. Ratios are fractions.
public sealed record SlaMonth(
    CalendarMonth Month,
    DateTimeOffset Start,
    DateTimeOffset End,
    BudgetingMethod Budgeting,
    long Good,
    long Total,
    int MinutesWithData,
    int MinutesElapsed,
    double ObjectivePercent,
    int TimeSliceMinutes,
    DateTimeOffset? ComputedAt,
    bool Final,
    SlaSource Source)
{
    public bool HasData => Total > 0;

    public string Unit => Budgeting == BudgetingMethod.Timeslices ? "slices" : "events";

    public int MinutesInMonth => (int)(End - Start).TotalMinutes;

    // Percentages are worked out in decimal and rounded once: 99.8, not 99.80000000000001.
    public double? AttainmentPercent => HasData ? (double)(Good * 100m / Total) : null;

    // Exact: 999 good events of 1,000 meet 99.9%. No data meets nothing and misses nothing.
    public bool? Met => HasData ? Good * 100m >= Objective * Total : null;

    // The share of the month's error budget spent, as the calculator sizes the budget: a share of
    // the events seen, or (time slices) a share of the whole month's minutes. Above 100 is overspent.
    public double? BudgetConsumedPercent
    {
        get
        {
            var errorBudget = 100m - Objective;
            if (!HasData || errorBudget <= 0)
            {
                return null;
            }
            return Budgeting == BudgetingMethod.Timeslices
                ? (double)((Total - Good) * TimeSliceMinutes * 100m * 100m / (errorBudget * MinutesInMonth))
                : (double)((Total - Good) * 100m * 100m / (errorBudget * Total));
        }
    }

    // Minutes with data over the minutes counted so far: low coverage means little to judge by.
    public double? CoveragePercent => MinutesElapsed > 0 ? (double)(MinutesWithData * 100m / MinutesElapsed) : null;

    // Objectives have at most six decimals; as a decimal 99.9 is exactly 99.9.
    private decimal Objective => (decimal)ObjectivePercent;

    public static SlaMonth FromRecord(SloMonth record) => new(
        CalendarMonth.Of(record.Month), record.Start, record.End, record.Budgeting, record.Good, record.Total,
        record.MinutesWithData, record.MinutesElapsed, record.ObjectivePercent, record.TimeSliceMinutes,
        record.ComputedAt, record.Final, SlaSource.Record);

    // A month nobody counted: the SLO's current settings, no figures.
    public static SlaMonth Uncounted(CalendarMonth month, Slo slo, TimeZoneInfo zone)
    {
        var (start, end) = month.SpanIn(zone);
        return new(month, start, end, slo.Budgeting, 0, 0, 0, 0, slo.ObjectivePercent, slo.TimeSliceMinutes ?? 1, null, false, SlaSource.None);
    }

    public void CopyTo(SloMonth record)
    {
        record.Month = Month.FirstDay;
        record.Start = Start;
        record.End = End;
        record.Budgeting = Budgeting;
        record.Good = Good;
        record.Total = Total;
        record.MinutesWithData = MinutesWithData;
        record.MinutesElapsed = MinutesElapsed;
        record.ObjectivePercent = ObjectivePercent;
        record.TimeSliceMinutes = TimeSliceMinutes;
        record.ComputedAt = ComputedAt!.Value;
        record.Final = Final;
    }
}
