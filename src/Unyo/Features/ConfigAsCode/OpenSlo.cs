using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Unyo.Features.ConfigAsCode;

// What the OpenSLO translator and exporter share: names, annotations, durations, and the one
// conversion between an OpenSLO burn-rate threshold and Unyo's share of the error budget.
public static partial class OpenSlo
{
    public const string ApiVersion = "openslo/v1";
    public const string AnnotationPrefix = "unyo.dev/";
    public const string ServiceAnnotation = "unyo.dev/service";
    public const string DisplayNameAnnotation = "unyo.dev/display-name";
    public const string DescriptionAnnotation = "unyo.dev/description";
    public const string BudgetConsumedAnnotation = "unyo.dev/budget-consumed";

    // The metricSource type of events Unyo receives itself (native or OTLP), and the notification
    // target that stands for Unyo's own alert routing.
    public const string UnyoSourceType = "Unyo";
    public const string UnyoTarget = "unyo";

    // OpenSLO's limits on metadata.displayName and spec.description.
    public const int MaxDisplayName = 63;
    public const int MaxDescription = 1050;

    // A calendar start that is a Monday, the first of a month and of a quarter, so it suits every
    // calendar window Unyo has.
    public const string CalendarStart = "2024-01-01 00:00:00";

    private const int MinutesPerDay = 1440;

    // Calendar windows have no fixed length; a threshold is converted at the nominal lengths of
    // OpenSLO's Go SDK (a month is 30 days, a quarter 90).
    public static int NominalMinutes(string calendar) => calendar switch
    {
        "week" => 7 * MinutesPerDay,
        "month" => 30 * MinutesPerDay,
        _ => 90 * MinutesPerDay,
    };

    // "5m", "1h", "3d", "4w" → minutes; M, Q and Y have no fixed length and give null, as does
    // anything that is not a duration shorthand.
    public static long? Minutes(string? shorthand, bool allowZero = false)
    {
        if (shorthand is null || Shorthand().Match(shorthand) is not { Success: true } match
            || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || (n == 0 && !allowZero))
        {
            return null;
        }
        return match.Groups[2].Value switch
        {
            "m" => n,
            "h" => n * 60,
            "d" => n * MinutesPerDay,
            "w" => n * 7 * MinutesPerDay,
            _ => null,
        };
    }

    public static bool IsShorthand(string? text) => text is not null && Shorthand().IsMatch(text);

    public static string FormatMinutes(long minutes) =>
        minutes % MinutesPerDay == 0 ? $"{minutes / MinutesPerDay}d" : minutes % 60 == 0 ? $"{minutes / 60}h" : $"{minutes}m";

    // A burn rate of 1 spends the whole budget in the SLO window, so a threshold over a long
    // window spends threshold × long / window of it.
    public static decimal BudgetConsumedPercent(decimal threshold, long longMinutes, long windowMinutes) =>
        Normal(decimal.Round(threshold * 100 * longMinutes / windowMinutes, 6));

    public static decimal Threshold(decimal budgetConsumedPercent, long longMinutes, long windowMinutes) =>
        Normal(decimal.Round(budgetConsumedPercent * windowMinutes / (100m * longMinutes), 6));

    // Without trailing zeros, so that 0.95 × 100 is written 95 rather than 95.00.
    public static decimal Normal(decimal value) => value / 1.0000000000000000000000000000m;

    public static string Format(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    // A counter given as a bare selector (http_requests_total{code="500"}) is read the way Unyo
    // reads counters: its increase over the window, summed.
    public static string? WindowedCounter(string query) =>
        BareSelector().IsMatch(query) ? $"sum(increase({query}[{{{{window}}}}]))" : null;

    public static string? BareCounter(string query) =>
        WindowedSelector().Match(query) is { Success: true } match ? match.Groups[1].Value : null;

    // Lower-case letters and digits, everything else a single dash: "Internal objective" → internal-objective.
    public static string Slug(string? text)
    {
        var slug = new StringBuilder();
        foreach (var c in (text ?? "").ToLowerInvariant())
        {
            slug.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        }
        return string.Join('-', slug.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex("^([0-9]{1,9})([mhdwMQY])$")]
    private static partial Regex Shorthand();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^{}\[\]]*\})?$")]
    private static partial Regex BareSelector();

    [GeneratedRegex(@"^sum\(increase\(([a-zA-Z_:][a-zA-Z0-9_:]*(\{[^{}\[\]]*\})?)\[\{\{window\}\}\]\)\)$")]
    private static partial Regex WindowedSelector();
}
