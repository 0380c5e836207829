namespace Unyo.Client;

/// <summary>An SLO's attainment per calendar month: <c>GET /api/v1/slos/{name}/sla-report</c>.</summary>
/// <param name="Slo">The SLO's name.</param>
/// <param name="DisplayName">Its display name.</param>
/// <param name="Service">The service it judges.</param>
/// <param name="Team">The team that owns the service.</param>
/// <param name="TimeZone">The IANA time zone whose calendar months are reported: the window's for calendar windows, <c>UTC</c> for rolling ones.</param>
/// <param name="From">The first month asked for (YYYY-MM).</param>
/// <param name="To">The last month asked for (YYYY-MM), at the latest the current one on the SLO's calendar.</param>
/// <param name="Months">One entry per month, oldest first.</param>
/// <param name="Summary">The months taken together.</param>
public sealed record SlaReportResponse(
    string Slo, string DisplayName, string Service, string Team, string TimeZone, string From, string To,
    IReadOnlyList<SlaMonthResponse> Months, SlaSummaryResponse Summary);

/// <summary>One calendar month of an SLO against its objective.</summary>
/// <param name="Month">The month, YYYY-MM.</param>
/// <param name="Start">Midnight on the 1st in the report's time zone, as an instant.</param>
/// <param name="End">Midnight on the next 1st (exclusive).</param>
/// <param name="Unit">"events" (occurrences) or "slices" (time slices).</param>
/// <param name="Good">Good events, or good time slices.</param>
/// <param name="Total">All events, or the time slices that had events.</param>
/// <param name="AttainmentPercent">Good over total, in percent; null without data.</param>
/// <param name="ObjectivePercent">The objective the month is judged by: as it was when the month became final, else the current one.</param>
/// <param name="Met">Whether attainment reached the objective (compared exactly); null without data.</param>
/// <param name="BudgetConsumedPercent">The share of the month's error budget spent (above 100 overspent); null without data.</param>
/// <param name="MinutesWithData">Minutes of the month that had events.</param>
/// <param name="MinutesInMonth">Minutes in the whole month (fewer or more in a month with a daylight-saving change).</param>
/// <param name="MinutesElapsed">Minutes of the month counted: all of them once it is over, up to <paramref name="ComputedAt"/> before.</param>
/// <param name="CoveragePercent">Minutes with data over minutes elapsed, in percent: low coverage means little to judge by.</param>
/// <param name="Final">True once the month's end plus the late-data horizon has passed: its figures no longer change.</param>
/// <param name="ComputedAt">When the figures were counted; null when the month was never counted.</param>
/// <param name="Source">"minutes" (counted from minute data for this answer), "record" (a stored month record) or "none" (never counted, and its minute data is gone).</param>
public sealed record SlaMonthResponse(
    string Month, DateTimeOffset Start, DateTimeOffset End, string Unit, long Good, long Total,
    double? AttainmentPercent, double ObjectivePercent, bool? Met, double? BudgetConsumedPercent,
    long MinutesWithData, long MinutesInMonth, long MinutesElapsed, double? CoveragePercent,
    bool Final, DateTimeOffset? ComputedAt, string Source);

/// <summary>The months of an SLA report taken together.</summary>
/// <param name="Months">Months listed.</param>
/// <param name="MonthsMet">Months that met their objective.</param>
/// <param name="MonthsMissed">Months that missed it.</param>
/// <param name="MonthsWithoutData">Months without data, which neither met nor missed.</param>
/// <param name="Unit">The unit of <paramref name="Good"/> and <paramref name="Total"/>; null when the months differ in unit (the SLO changed its budgeting method), and then no overall figures are given.</param>
/// <param name="Good">Good events (or slices) over all the months.</param>
/// <param name="Total">All events (or slices with data) over all the months.</param>
/// <param name="AttainmentPercent">Good over total across the months; null without data.</param>
/// <param name="CoveragePercent">Minutes with data over minutes elapsed across the months.</param>
public sealed record SlaSummaryResponse(
    int Months, int MonthsMet, int MonthsMissed, int MonthsWithoutData, string? Unit, long? Good, long? Total,
    double? AttainmentPercent, double? CoveragePercent);

/// <summary>Every SLO's attainment in one calendar month: <c>GET /api/v1/sla-report</c>.</summary>
/// <param name="Month">The month, YYYY-MM (each SLO's own calendar).</param>
/// <param name="Service">The service the report is limited to, or null for the whole organisation.</param>
/// <param name="Slos">One row per SLO, by service, then SLO name.</param>
/// <param name="Summary">How many met, missed or had no data.</param>
public sealed record OrganisationSlaReportResponse(string Month, string? Service, IReadOnlyList<SlaReportRowResponse> Slos, OrganisationSlaSummaryResponse Summary);

/// <summary>One SLO's month in the organisation's report.</summary>
/// <param name="Slo">The SLO's name.</param>
/// <param name="DisplayName">Its display name.</param>
/// <param name="Service">The service it judges.</param>
/// <param name="Team">The team that owns the service.</param>
/// <param name="TimeZone">The time zone of the SLO's calendar.</param>
/// <param name="Figures">The month, from its stored record (a month never counted has source "none").</param>
public sealed record SlaReportRowResponse(string Slo, string DisplayName, string Service, string Team, string TimeZone, SlaMonthResponse Figures);

/// <summary>How the SLOs of an organisation's report stand.</summary>
/// <param name="Slos">SLOs listed.</param>
/// <param name="Met">SLOs that met their objective in the month.</param>
/// <param name="Missed">SLOs that missed it.</param>
/// <param name="WithoutData">SLOs without data (or not counted) in the month.</param>
public sealed record OrganisationSlaSummaryResponse(int Slos, int Met, int Missed, int WithoutData);
