using Unyo.Client;

namespace Unyo.Features.Slos;

public static class SloStatusMapping
{
    public static SloStatusResponse ToResponse(Slo slo, SloEvaluation evaluation, IEnumerable<BurnAlert> open) => new(
        slo.Name, evaluation.At, evaluation.WindowStart, evaluation.WindowEnd, evaluation.HasData,
        evaluation.Counts.Good, evaluation.Counts.Total, slo.ObjectivePercent, Percent(evaluation.Attainment),
        new ErrorBudgetResponse(evaluation.BudgetUnit, evaluation.BudgetTotal, evaluation.BudgetConsumed, evaluation.BudgetLeft,
            Percent(evaluation.BudgetRemaining), evaluation.Exhausted, evaluation.ExhaustionAt),
        [.. evaluation.BurnRates.Select(b => new BurnRateResponse(Windows.Format(b.Window), b.BurnRate, b.Counts.Good, b.Counts.Total))],
        [.. evaluation.Rules.Select(r => new BurnRuleResponse(
            r.Rule.Severity.ToString().ToLowerInvariant(), Windows.Format(r.Rule.LongWindow), Windows.Format(r.Rule.ShortWindow),
            r.Rule.BudgetConsumed * 100, r.Threshold, r.LongBurn, r.ShortBurn, r.Firing))],
        [.. evaluation.History.Select(d => new DailyBudgetResponse(d.Day, d.Counts.Good, d.Counts.Total, Percent(d.BudgetRemaining)))],
        [.. open.Select(a => ToResponse(a, slo.Name))]);

    public static BurnAlertResponse ToResponse(BurnAlert alert, string slo) =>
        new(alert.Id, slo, KindName(alert.Kind), alert.Condition, alert.FiredAt, alert.ResolvedAt, alert.Peak);

    public static string KindName(BurnAlertKind kind) => kind switch
    {
        BurnAlertKind.Page => "page",
        BurnAlertKind.Ticket => "ticket",
        _ => "budget-exhausted",
    };

    private static double? Percent(double? ratio) => ratio * 100;
}
