namespace Unyo.Client;

/// <summary>An SLO evaluated as of one instant.</summary>
/// <param name="Slo">The SLO's name.</param>
/// <param name="At">The instant evaluated.</param>
/// <param name="WindowStart">Start of the window judged (rolling: `at` minus the window; calendar: the period's start).</param>
/// <param name="WindowEnd">End of the window: `at` for rolling windows, the period's end for calendar ones.</param>
/// <param name="HasData">False when the window holds no events: no figure is then claimed.</param>
/// <param name="Good">Good events (or, for time slices, still events) in the window.</param>
/// <param name="Total">All events in the window.</param>
/// <param name="ObjectivePercent">The objective, for example 99.9.</param>
/// <param name="AttainmentPercent">The share that was good (events or time slices), or null without data.</param>
/// <param name="Budget">The error budget of the window.</param>
/// <param name="BurnRates">Burn rate over 5m, 30m, 1h, 2h, 6h, 1d and 3d: 1 spends the budget exactly over the window.</param>
/// <param name="Rules">The multi-window burn-rate rules in effect and whether each fires.</param>
/// <param name="History">Per day of the window: events and the budget left at the day's end.</param>
/// <param name="Alerts">Burn alerts open now.</param>
/// <param name="Source">How the SLI's source is doing: with <paramref name="HasData"/> false and an error here, the error is why there is no data.</param>
public sealed record SloStatusResponse(
    string Slo, DateTimeOffset At, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, bool HasData,
    long Good, long Total, double ObjectivePercent, double? AttainmentPercent, ErrorBudgetResponse Budget,
    IReadOnlyList<BurnRateResponse> BurnRates, IReadOnlyList<BurnRuleResponse> Rules,
    IReadOnlyList<DailyBudgetResponse> History, IReadOnlyList<BurnAlertResponse> Alerts,
    SloSourceResponse Source);

/// <summary>The state of the source an SLO's SLI reads from.</summary>
/// <param name="Source">native, otlp or prometheus.</param>
/// <param name="LastDataAt">When the source last delivered without error (for prometheus: the last read that failed nothing); null if never.</param>
/// <param name="Error">The source's current problem (a PromQL error, an unreachable engine, a non-numeric answer), naming the query; null while it works.</param>
/// <param name="ErrorAt">When that problem was last seen; null without one.</param>
/// <param name="ReadThrough">Sources Unyo pulls from (prometheus): every minute before this instant has been read or given up; null for the others or before the first read.</param>
public sealed record SloSourceResponse(string Source, DateTimeOffset? LastDataAt, string? Error, DateTimeOffset? ErrorAt, DateTimeOffset? ReadThrough);

/// <summary>An error budget.</summary>
/// <param name="Unit">"events" (occurrences) or "minutes" (time slices).</param>
/// <param name="Total">The budget of the window, in the unit.</param>
/// <param name="Consumed">What bad events (or bad slices) have spent.</param>
/// <param name="Left">Total minus consumed; negative once overspent.</param>
/// <param name="RemainingPercent">Left as a share of the total (100 untouched, 0 spent, negative overspent); null without data.</param>
/// <param name="Exhausted">True once the whole budget is spent.</param>
/// <param name="ExhaustionAt">When the budget runs out at the last hour's pace; null while it does not burn.</param>
public sealed record ErrorBudgetResponse(string Unit, double Total, double Consumed, double Left, double? RemainingPercent, bool Exhausted, DateTimeOffset? ExhaustionAt);

/// <summary>The burn rate over one window.</summary>
public sealed record BurnRateResponse(string Window, double? BurnRate, long Good, long Total);

/// <summary>A multi-window burn-rate rule and its state.</summary>
/// <param name="Severity">"page" or "ticket".</param>
/// <param name="LongWindow">For example "1h".</param>
/// <param name="ShortWindow">For example "5m".</param>
/// <param name="BudgetConsumedPercent">The share of the budget the rule guards, for example 2.</param>
/// <param name="Threshold">The burn rate both windows must exceed, derived from the share and the SLO window.</param>
/// <param name="LongBurnRate">Burn rate over the long window, or null without data.</param>
/// <param name="ShortBurnRate">Burn rate over the short window, or null without data.</param>
/// <param name="Firing">True when both exceed the threshold.</param>
public sealed record BurnRuleResponse(string Severity, string LongWindow, string ShortWindow, double BudgetConsumedPercent, double Threshold, double? LongBurnRate, double? ShortBurnRate, bool Firing);

/// <summary>One day of an SLO's window.</summary>
public sealed record DailyBudgetResponse(DateOnly Day, long Good, long Total, double? BudgetRemainingPercent);

/// <summary>A burn alert: a condition of an SLO from when it fired to when it cleared.</summary>
/// <param name="Id">Alert id.</param>
/// <param name="Slo">The SLO's name.</param>
/// <param name="Kind">"page", "ticket" or "budget-exhausted".</param>
/// <param name="Condition">The rule that fired, in words.</param>
/// <param name="FiredAt">When it fired.</param>
/// <param name="ResolvedAt">When it cleared; null while firing.</param>
/// <param name="Peak">The highest long-window burn rate while it fired (for budget exhaustion: the share spent).</param>
public sealed record BurnAlertResponse(long Id, string Slo, string Kind, string Condition, DateTimeOffset FiredAt, DateTimeOffset? ResolvedAt, double Peak);
