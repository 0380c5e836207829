using System.Globalization;
using Unyo.Client;
using Unyo.Components;

namespace Unyo.Features.Slos.Pages;

// How SLA pages write a month's figures, the same in the organisation's report and on an SLO.
public static class SlaText
{
    // Below this share of its minutes with data, a month is flagged: its attainment says little.
    public const double LowCoverage = 90;

    public static string Attainment(SlaMonthResponse month) =>
        month.AttainmentPercent is { } value ? value.ToString("0.###", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Objective(SlaMonthResponse month) => month.ObjectivePercent.ToString("0.######", CultureInfo.InvariantCulture) + "%";

    public static string Budget(SlaMonthResponse month) =>
        month.BudgetConsumedPercent is { } value ? value.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Coverage(SlaMonthResponse month) =>
        month.CoveragePercent is { } value ? value.ToString(value is > 0 and < 1 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + "%" : "–";

    public static bool CoverageIsLow(SlaMonthResponse month) => month.CoveragePercent is < LowCoverage;

    public static string Result(SlaMonthResponse month) => month.Met switch
    {
        true => "met",
        false => "missed",
        null => "no data",
    };

    public static string ResultClass(SlaMonthResponse month) => month.Met switch
    {
        true => "sla-met",
        false => "sla-missed",
        null => "sla-none",
    };

    // Final, or under way and when it was counted, or never counted.
    public static string State(SlaMonthResponse month) => month switch
    {
        { Final: true } => "final",
        { ComputedAt: not null } => "in progress",
        _ => "never counted",
    };

    public static string? Counted(SlaMonthResponse month) =>
        month is { Final: false, ComputedAt: { } at } ? $"counted {Display.When(at)}" : null;

    public static string Amount(SlaMonthResponse month) =>
        month.Total == 0 ? "" : $"{month.Good.ToString("N0", CultureInfo.InvariantCulture)} of {month.Total.ToString("N0", CultureInfo.InvariantCulture)} {(month.Unit == "slices" ? "slices" : "events")} good";
}
