namespace Unyo.Client;

/// <summary>One multi-window burn-rate alert rule of an SLO, overriding the SRE Workbook's defaults.</summary>
public sealed record SloAlertRule
{
    /// <summary><c>page</c> (wake someone) or <c>ticket</c> (look at it in working hours).</summary>
    public string? Severity { get; init; }
    /// <summary>The window the budget share is measured over, such as <c>1h</c>; at most the SLO window.</summary>
    public string? LongWindow { get; init; }
    /// <summary>The window that confirms the burn is still happening, such as <c>5m</c>; shorter than <see cref="LongWindow"/>.</summary>
    public string? ShortWindow { get; init; }
    /// <summary>The share of the whole window's error budget, in percent (0 excluded to 100), that spent within <see cref="LongWindow"/> fires the rule.</summary>
    public decimal? BudgetConsumed { get; init; }
}

/// <summary>Creates or replaces a service level objective. Checked by the same validator the YAML kind <c>SLO</c> uses.</summary>
public sealed record SloRequest
{
    /// <summary>Slug, unique in the organisation. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Human name; defaults to the slug.</summary>
    public string? DisplayName { get; init; }
    /// <summary>Free text, at most 2000 characters.</summary>
    public string? Description { get; init; }
    /// <summary>Slug of the service the objective is for (required). The SLO belongs to that service's team.</summary>
    public string? Service { get; init; }
    /// <summary>Slug of the SLI it judges (required); the SLI must belong to the same service.</summary>
    public string? Sli { get; init; }
    /// <summary>The share of good events (or good time slices) in percent, strictly between 0 and 100, at most 6 decimals: <c>99.9</c>.</summary>
    public decimal? Objective { get; init; }
    /// <summary>A rolling window in whole days or weeks, 1d to 90d: <c>28d</c>, <c>30d</c>, <c>4w</c>. Give this or <see cref="Calendar"/>.</summary>
    public string? Window { get; init; }
    /// <summary>A calendar window: <c>week</c> (from Monday), <c>month</c> or <c>quarter</c>. Give this or <see cref="Window"/>.</summary>
    public string? Calendar { get; init; }
    /// <summary>For calendar windows only: the IANA time zone the periods start in, such as <c>Europe/Berlin</c>; defaults to <c>UTC</c>.</summary>
    public string? TimeZone { get; init; }
    /// <summary><c>occurrences</c> (the budget is a share of events; the default) or <c>timeslices</c> (the budget is a share of time).</summary>
    public string? Budgeting { get; init; }
    /// <summary>For <c>timeslices</c> only, and required there: the share of good events, in percent (0 excluded to 100), that makes a slice good.</summary>
    public decimal? TimeSliceTarget { get; init; }
    /// <summary>For <c>timeslices</c> only, and required there: the length of one slice in whole minutes, <c>1m</c> to <c>60m</c>.</summary>
    public string? TimeSliceWindow { get; init; }
    /// <summary>Burn-rate alert rules replacing the Workbook's defaults; leave out (or empty) to keep the defaults.</summary>
    public IReadOnlyList<SloAlertRule>? AlertRules { get; init; }
    /// <summary>True leaves the minutes of maintenance windows covering the SLO's service out of its evaluation (neither good nor bad), burn-rate alerts included. False by default.</summary>
    public bool? ExcludeMaintenance { get; init; }
}

/// <summary>A service level objective's definition (its live status is a separate resource). The <c>ETag</c> header of a single-SLO response carries its revision.</summary>
/// <param name="Name">Slug, unique in the organisation.</param>
/// <param name="DisplayName">Human name.</param>
/// <param name="Description">Free text.</param>
/// <param name="Service">Slug of the service.</param>
/// <param name="Team">Slug of the team that owns the service (and so the SLO).</param>
/// <param name="Sli">Slug of the SLI it judges.</param>
/// <param name="Objective">Objective in percent.</param>
/// <param name="Window">The rolling window (<c>30d</c>), or null for a calendar window.</param>
/// <param name="Calendar">week, month or quarter, or null for a rolling window.</param>
/// <param name="TimeZone">The time zone of a calendar window; null for a rolling window.</param>
/// <param name="Budgeting">occurrences or timeslices.</param>
/// <param name="TimeSliceTarget">The good share in percent that makes a slice good (timeslices only).</param>
/// <param name="TimeSliceWindow">The slice length, such as <c>5m</c> (timeslices only).</param>
/// <param name="AlertRules">The overriding alert rules; empty means the Workbook's defaults are in effect.</param>
/// <param name="ExcludeMaintenance">Whether the minutes of maintenance windows covering the service are left out of its evaluation.</param>
/// <param name="ManagedBy">api, ui or apply: only apply-managed objects are ever pruned.</param>
/// <param name="Revision">Increases with every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record SloResponse(
    string Name,
    string DisplayName,
    string? Description,
    string Service,
    string Team,
    string Sli,
    decimal Objective,
    string? Window,
    string? Calendar,
    string? TimeZone,
    string Budgeting,
    decimal? TimeSliceTarget,
    string? TimeSliceWindow,
    IReadOnlyList<SloAlertRule> AlertRules,
    bool ExcludeMaintenance,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
