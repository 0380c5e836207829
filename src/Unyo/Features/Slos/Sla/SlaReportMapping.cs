using Unyo.Client;

namespace Unyo.Features.Slos.Sla;

public static class SlaReportMapping
{
    public static SlaReportResponse ToResponse(Slo slo, string service, string team, CalendarMonth from, CalendarMonth to, IReadOnlyList<SlaMonth> months) => new(
        slo.Name, slo.DisplayName, service, team, slo.CalendarZone.Id, from.ToString(), to.ToString(),
        [.. months.Select(ToResponse)], Summary(months));

    public static OrganisationSlaReportResponse ToResponse(CalendarMonth month, string? service, IEnumerable<SlaRow> rows)
    {
        var sorted = rows.OrderBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.Slo, StringComparer.Ordinal).ToList();
        return new(
            month.ToString(), service,
            [.. sorted.Select(r => new SlaReportRowResponse(r.Slo, r.DisplayName, r.Service, r.Team, r.TimeZone, ToResponse(r.Month)))],
            new OrganisationSlaSummaryResponse(sorted.Count, sorted.Count(r => r.Month.Met == true), sorted.Count(r => r.Month.Met == false), sorted.Count(r => r.Month.Met is null)));
    }

    // The rows of a single SLO's report, shaped like the organisation's, for one CSV layout.
    public static IEnumerable<SlaReportRowResponse> Rows(SlaReportResponse report) =>
        report.Months.Select(m => new SlaReportRowResponse(report.Slo, report.DisplayName, report.Service, report.Team, report.TimeZone, m));

    public static SlaMonthResponse ToResponse(SlaMonth month) => new(
        month.Month.ToString(), month.Start, month.End, month.Unit, month.Good, month.Total,
        month.AttainmentPercent, month.ObjectivePercent, month.Met, month.BudgetConsumedPercent,
        month.MinutesWithData, month.MinutesInMonth, month.MinutesElapsed, month.CoveragePercent,
        month.Final, month.ComputedAt, month.Source.ToString().ToLowerInvariant());

    // Overall figures only when every month counts in the same unit: events and slices do not add up.
    private static SlaSummaryResponse Summary(IReadOnlyList<SlaMonth> months)
    {
        var units = months.Select(m => m.Unit).Distinct().ToList();
        var unit = units.Count == 1 ? units[0] : null;
        long? good = unit is null ? null : months.Sum(m => m.Good);
        long? total = unit is null ? null : months.Sum(m => m.Total);
        var elapsed = months.Sum(m => (long)m.MinutesElapsed);
        return new SlaSummaryResponse(
            months.Count, months.Count(m => m.Met == true), months.Count(m => m.Met == false), months.Count(m => m.Met is null),
            unit, good, total, total is > 0 and var all ? (double)(good!.Value * 100m / all) : null,
            elapsed > 0 ? (double)(months.Sum(m => (long)m.MinutesWithData) * 100m / elapsed) : null);
    }
}
