namespace Unyo.Features.Slos;

public sealed record BurnRateValue(TimeSpan Window, double? BurnRate, EventCounts Counts);

public sealed record RuleState(BurnRateRule Rule, double Threshold, double? LongBurn, double? ShortBurn, bool Firing);

public sealed record DailyPoint(DateOnly Day, EventCounts Counts, double? BudgetRemaining);

// An SLO as of one instant: how much was good, how much budget is left, how fast it burns.
// Budget figures are in events (occurrences) or minutes (time slices); ratios are fractions.
public sealed record SloEvaluation(
    DateTimeOffset At,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    EventCounts Counts,
    double? Attainment,
    string BudgetUnit,
    double BudgetTotal,
    double BudgetConsumed,
    double? BudgetRemaining,
    IReadOnlyList<BurnRateValue> BurnRates,
    IReadOnlyList<RuleState> Rules,
    DateTimeOffset? ExhaustionAt,
    IReadOnlyList<DailyPoint> History)
{
    public bool HasData => Counts.HasData;

    public double BudgetLeft => BudgetTotal - BudgetConsumed;

    public bool Exhausted => BudgetRemaining is <= 0 && BudgetConsumed > 0;
}
