namespace Unyo.Features.Slos;

public enum BurnSeverity
{
    Page,
    Ticket,
}

// One multi-window condition from the SRE Workbook ("Alerting on SLOs", table 5-8): it fires
// when spending BudgetConsumed of the whole budget within LongWindow is under way, and the
// ShortWindow confirms it is still happening (so the alert also clears soon after it stops).
// The threshold is derived from the budget share rather than fixed, so it scales to SLO windows
// other than 30 days: 2% of a 30-day budget in 1 h is a burn rate of 0.02 × 720 h / 1 h = 14.4.
public sealed record BurnRateRule(BurnSeverity Severity, TimeSpan LongWindow, TimeSpan ShortWindow, double BudgetConsumed)
{
    public static readonly IReadOnlyList<BurnRateRule> WorkbookDefaults =
    [
        new(BurnSeverity.Page, TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 0.02),
        new(BurnSeverity.Page, TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 0.05),
        new(BurnSeverity.Ticket, TimeSpan.FromDays(1), TimeSpan.FromHours(2), 0.10),
        new(BurnSeverity.Ticket, TimeSpan.FromDays(3), TimeSpan.FromHours(6), 0.10),
    ];

    public double Threshold(TimeSpan sloWindow) => BudgetConsumed * sloWindow.TotalMinutes / LongWindow.TotalMinutes;

    // Both windows must burn faster than the threshold; a window without data does not burn.
    public bool Fires(double? longBurn, double? shortBurn, TimeSpan sloWindow)
    {
        var threshold = Threshold(sloWindow);
        return longBurn > threshold && shortBurn > threshold;
    }

    public string Describe(TimeSpan sloWindow) =>
        $"{BudgetConsumed * 100:0.##}% of the budget in {Windows.Format(LongWindow)} (burn rate > {Threshold(sloWindow):0.##} over {Windows.Format(LongWindow)} and {Windows.Format(ShortWindow)})";
}
