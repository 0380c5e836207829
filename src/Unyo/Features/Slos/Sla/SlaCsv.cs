using System.Globalization;
using System.Text;
using Unyo.Client;

namespace Unyo.Features.Slos.Sla;

// SLA reports as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a
// comma, a quote or a line break, numbers and times in the invariant culture, an empty field
// where JSON has null. One layout for both reports: a row per SLO and month.
public static class SlaCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] Header =
    [
        "slo", "display_name", "service", "team", "time_zone", "month", "start", "end", "unit", "good", "total",
        "attainment_percent", "objective_percent", "met", "budget_consumed_percent", "minutes_with_data",
        "minutes_in_month", "minutes_elapsed", "coverage_percent", "final", "computed_at", "source",
    ];

    public static string Write(IEnumerable<SlaReportRowResponse> rows)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var row in rows)
        {
            var m = row.Figures;
            Line(csv,
            [
                Text(row.Slo), Text(row.DisplayName), Text(row.Service), Text(row.Team), Text(row.TimeZone), m.Month,
                Time(m.Start), Time(m.End), m.Unit, Number(m.Good), Number(m.Total), Number(m.AttainmentPercent),
                Number(m.ObjectivePercent), Flag(m.Met), Number(m.BudgetConsumedPercent), Number(m.MinutesWithData),
                Number(m.MinutesInMonth), Number(m.MinutesElapsed), Number(m.CoveragePercent), Flag(m.Final), Time(m.ComputedAt), m.Source,
            ]);
        }
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }
            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(field);
            }
        }
        csv.Append("\r\n");
    }

    // Names people typed (display names) reach spreadsheets: one starting like a formula is
    // prefixed with an apostrophe so that it stays text (OWASP's advice on CSV injection).
    private static string Text(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Flag(bool? value) => value switch { true => "true", false => "false", null => "" };

    private static string Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}
