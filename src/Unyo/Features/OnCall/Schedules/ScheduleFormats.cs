using System.Globalization;

namespace Unyo.Features.OnCall.Schedules;

// The text forms of a schedule's local times and weekdays, shared by the validator, storage and
// the engine: one canonical spelling each, so plans compare and exports apply back unchanged.
public static class ScheduleFormats
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";
    public const string TimeFormat = "HH:mm";

    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static string Local(DateTime local) => local.ToString(LocalFormat, CultureInfo.InvariantCulture);

    public static DateTime? ParseLocal(string? text) =>
        DateTime.TryParseExact(text?.Trim(), LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local : null;

    public static string Time(TimeOnly time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    public static string Day(DayOfWeek day) => DayNames[(int)day];

    // mon, Mon, monday and Monday all name Monday.
    public static DayOfWeek? ParseDay(string? text)
    {
        var word = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(word))
        {
            return null;
        }
        for (var i = 0; i < DayNames.Length; i++)
        {
            if (word == DayNames[i] || word == ((DayOfWeek)i).ToString().ToLowerInvariant())
            {
                return (DayOfWeek)i;
            }
        }
        return null;
    }

    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
    }

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseInstant(string? text) =>
        DateTimeOffset.TryParse(text?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
        && text!.Trim().Length > 10 && (text.Contains('Z', StringComparison.OrdinalIgnoreCase) || text.Trim()[^6] is '+' or '-')
            ? at.ToUniversalTime() : null;
}
