using Unyo.Data;

namespace Unyo.Features.Slos;

// Brings an SLO's open burn alerts in line with an evaluation: opens a row when a condition
// starts, raises its peak while it lasts, closes it when it stops. Page and ticket each stay one
// alert while any of their rules fires, as the Workbook combines them.
public static class BurnAlertReconciler
{
    public sealed record Change(BurnAlertKind Kind, bool Fired, string Condition);

    public static List<Change> Apply(UnyoDb db, Guid sloId, SloDefinition definition, SloEvaluation evaluation, IReadOnlyList<BurnAlert> open)
    {
        var changes = new List<Change>();
        var length = definition.Window.LengthAt(evaluation.At);
        foreach (var kind in Enum.GetValues<BurnAlertKind>())
        {
            var (firing, condition, peak) = Condition(kind, evaluation, length);
            var current = open.FirstOrDefault(a => a.Kind == kind);
            if (firing && current is null)
            {
                db.BurnAlerts.Add(new BurnAlert { SloId = sloId, Kind = kind, Condition = condition, FiredAt = evaluation.At, Peak = peak });
                changes.Add(new Change(kind, true, condition));
            }
            else if (firing)
            {
                current!.Peak = Math.Max(current.Peak, peak);
            }
            else if (current is not null)
            {
                current.ResolvedAt = evaluation.At;
                changes.Add(new Change(kind, false, current.Condition));
            }
        }
        return changes;
    }

    private static (bool Firing, string Condition, double Peak) Condition(BurnAlertKind kind, SloEvaluation evaluation, TimeSpan length)
    {
        if (kind == BurnAlertKind.BudgetExhausted)
        {
            return (evaluation.Exhausted, "the error budget of the window is spent", 1 - (evaluation.BudgetRemaining ?? 1));
        }
        var severity = kind == BurnAlertKind.Page ? BurnSeverity.Page : BurnSeverity.Ticket;
        var firing = evaluation.Rules.Where(r => r.Firing && r.Rule.Severity == severity).ToList();
        return firing.Count == 0
            ? (false, "", 0)
            : (true, firing[0].Rule.Describe(length), firing.Max(r => r.LongBurn ?? 0));
    }
}
