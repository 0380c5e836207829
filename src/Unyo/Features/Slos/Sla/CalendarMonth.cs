using System.Globalization;
using System.Text.RegularExpressions;

namespace Unyo.Features.Slos.Sla;

// A calendar month as reports name it (2026-03), without a time zone: each SLO places it in its
// own zone.
public readonly partial record struct CalendarMonth(int Year, int Month) : IComparable<CalendarMonth>
{
    public DateOnly FirstDay => new(Year, Month, 1);

    public static CalendarMonth Of(DateOnly day) => new(day.Year, day.Month);

    // The month `at` falls in, on the zone's calendar.
    public static CalendarMonth Containing(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new CalendarMonth(local.Year, local.Month);
    }

    public static bool TryParse(string? text, out CalendarMonth month)
    {
        month = default;
        if (text is null || !Pattern().IsMatch(text))
        {
            return false;
        }
        var parsed = new CalendarMonth(int.Parse(text[..4], CultureInfo.InvariantCulture), int.Parse(text[5..], CultureInfo.InvariantCulture));
        // From 1970 (minute buckets count from the Unix epoch) to where the next month still has a date.
        if (parsed.Year is < 1970 or > 9998 || parsed.Month is < 1 or > 12)
        {
            return false;
        }
        month = parsed;
        return true;
    }

    public CalendarMonth AddMonths(int months)
    {
        var index = Year * 12 + Month - 1 + months;
        return new CalendarMonth(index / 12, index % 12 + 1);
    }

    // Whole months from this one to `later`: 0 for the same month.
    public int MonthsUntil(CalendarMonth later) => later.Year * 12 + later.Month - (Year * 12 + Month);

    // [start, end) as UTC instants: from midnight on the 1st in the zone to midnight on the next
    // 1st (moved past a skipped midnight as calendar windows are).
    public (DateTimeOffset Start, DateTimeOffset End) SpanIn(TimeZoneInfo zone) =>
        (StartOf(FirstDay, zone), StartOf(FirstDay.AddMonths(1), zone));

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone) =>
        SloWindow.StartOfDay(day.ToDateTime(TimeOnly.MinValue), zone).ToUniversalTime();

    public int CompareTo(CalendarMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public static bool operator <(CalendarMonth a, CalendarMonth b) => a.CompareTo(b) < 0;

    public static bool operator >(CalendarMonth a, CalendarMonth b) => a.CompareTo(b) > 0;

    public static bool operator <=(CalendarMonth a, CalendarMonth b) => a.CompareTo(b) <= 0;

    public static bool operator >=(CalendarMonth a, CalendarMonth b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
