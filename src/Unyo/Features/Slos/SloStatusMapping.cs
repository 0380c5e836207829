using Unyo.Client;
using Unyo.Features.Telemetry;

namespace Unyo.Features.Slos;

public static class SloStatusMapping
{
    // source: the SLI's source; status: its status row, if it has one yet.
    public static SloStatusResponse ToResponse(Slo slo, SloEvaluation evaluation, IEnumerable<BurnAlert> open, SliSource source, SliSourceStatus? status) => new(
        slo.Name, evaluation.At, evaluation.WindowStart, evaluation.WindowEnd, evaluation.HasData,
        evaluation.Counts.Good, evaluation.Counts.Total, slo.ObjectivePercent, Percent(evaluation.Attainment),
        new ErrorBudgetResponse(evaluation.BudgetUnit, evaluation.BudgetTotal, evaluation.BudgetConsumed, evaluation.BudgetLeft,
            Percent(evaluation.BudgetRemaining), evaluation.Exhausted, evaluation.ExhaustionAt),
        [.. evaluation.BurnRates.Select(b => new BurnRateResponse(Windows.Format(b.Window), b.BurnRate, b.Counts.Good, b.Counts.Total))],
        [.. evaluation.Rules.Select(r => new BurnRuleResponse(
            r.Rule.Severity.ToString().ToLowerInvariant(), Windows.Format(r.Rule.LongWindow), Windows.Format(r.Rule.ShortWindow),
            r.Rule.BudgetConsumed * 100, r.Threshold, r.LongBurn, r.ShortBurn, r.Firing))],
        [.. evaluation.History.Select(d => new DailyBudgetResponse(d.Day, d.Counts.Good, d.Counts.Total, Percent(d.BudgetRemaining)))],
        [.. open.Select(a => ToResponse(a, slo.Name))],
        new SloSourceResponse(source.ToName(), status?.LastDataAt, status?.CurrentError, status?.CurrentError is null ? null : status.LastErrorAt, status?.ReadThrough));

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
