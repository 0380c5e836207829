using System.Globalization;
using System.Text;
using Unyo.Client;

namespace Unyo.Features.OnCall.Analytics;

// The three analytics tables as CSV (RFC 4180, CRLF, header row), for spreadsheets. Durations are
// seconds, rates 0–1, empty when there is nothing to measure.
public static class AnalyticsCsv
{
    public static readonly IReadOnlyList<string> Tables = ["people", "teams", "noisy"];

    private const string TimesHeader = "alerts,median_ack_seconds,p90_ack_seconds,median_resolve_seconds,p90_resolve_seconds";

    public static string Write(string table, OnCallAnalyticsResponse report) => table switch
    {
        "people" => Lines($"email,display_name,time_zone,pages,off_hours_pages,night_pages,{TimesHeader}",
            report.People.Select(p => Row([p.Email, p.DisplayName, p.TimeZone, Int(p.Pages), Int(p.OffHoursPages), Int(p.NightPages), .. Times(p.Times)]))),
        "teams" => Lines($"team,pages,off_hours_pages,night_pages,people_paged,{TimesHeader}",
            report.Teams.Select(t => Row([t.Team, Int(t.Pages), Int(t.OffHoursPages), Int(t.NightPages), Int(t.PeoplePaged), .. Times(t.Times)]))),
        "noisy" => Lines("service,dedup_key,summary,alerts,pages,auto_resolve_rate,ack_without_action_rate,mean_resolve_seconds",
            report.Noisy.Select(n => Row([n.Service, n.DedupKey, n.Summary, Int(n.Alerts), Int(n.Pages), Number(n.AutoResolveRate), Number(n.AckWithoutActionRate), Number(n.MeanResolveSeconds)]))),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not an analytics table"),
    };

    private static string[] Times(ResponseTimes t) =>
        [Int(t.Alerts), Number(t.MedianAckSeconds), Number(t.P90AckSeconds), Number(t.MedianResolveSeconds), Number(t.P90ResolveSeconds)];

    private static string Lines(string header, IEnumerable<string> rows)
    {
        var text = new StringBuilder(header).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(row).Append("\r\n");
        }
        return text.ToString();
    }

    private static string Row(string[] cells) => string.Join(',', cells.Select(Cell));

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double? value) => value is { } v ? Math.Round(v, 3).ToString("0.###", CultureInfo.InvariantCulture) : "";

    // Alert summaries and dedup keys come from outside: a leading = + - @ would be a formula in a
    // spreadsheet, so such a cell is prefixed with an apostrophe (OWASP's CSV injection advice).
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
