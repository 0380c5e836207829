namespace Unyo.Features.Slos;

// What an evaluation needs to know of an SLO, validated. Objective and slice target are
// fractions here (0.999), percentages only at the edges (API, YAML, pages).
public sealed record SloDefinition(
    double Objective,
    SloWindow Window,
    BudgetingMethod Budgeting,
    IReadOnlyList<BurnRateRule> Rules,
    double TimeSliceTarget = 0,
    int TimeSliceMinutes = 1)
{
    public double ErrorBudget => 1 - Objective;

    // How far back an evaluation must read: the SLO window or the longest alert window.
    public TimeSpan Lookback(DateTimeOffset at)
    {
        var (start, _) = Window.PeriodAt(at);
        var longest = Rules.Select(r => r.LongWindow).Append(Windows.BurnRateWindows[^1]).Max();
        return at - start > longest ? at - start : longest;
    }
}
