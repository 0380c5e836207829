using System.Globalization;
using System.Text.Json.Nodes;

namespace Unyo.Features.ConfigAsCode;

public sealed partial class OpenSloTranslator
{
    // The Unyo fields of an SLO window, where they came from, and the length a burn-rate
    // threshold is converted at.
    private sealed record WindowFields(JsonObject Fields, Dictionary<string, FieldOrigin> Origins, long Minutes, string Label);

    private WindowFields? TimeWindow(OpenSloNode spec)
    {
        if (spec.Items("timeWindow", required: true) is not { } items)
        {
            return null;
        }
        if (items.Count != 1)
        {
            spec.Error("timeWindow", "must hold exactly one window.");
            return null;
        }
        var item = items[0];
        item.Known("a time window", "duration", "isRolling", "calendar");
        var duration = item.Text("duration", required: true);
        var rolling = item.Bool("isRolling");
        var calendar = item.Object("calendar");
        if (rolling == true && calendar is not null)
        {
            item.Error("calendar", "cannot be set when isRolling is true.");
            return null;
        }
        if (rolling != true && calendar is null)
        {
            item.Error(rolling is null ? "isRolling" : "calendar", rolling is null
                ? "is required: true for a rolling window, or give calendar for a calendar-aligned one."
                : "must be set when isRolling is false.");
            return null;
        }
        if (duration is null)
        {
            return null;
        }
        return rolling == true ? Rolling(item, duration) : Calendar(item, calendar!, duration);
    }

    private static WindowFields? Rolling(OpenSloNode item, string duration)
    {
        if (OpenSlo.Minutes(duration) is not { } minutes || minutes % (24 * 60) != 0)
        {
            item.Error("duration", $"'{duration}' does not fit: Unyo's rolling windows are whole days or weeks from 1d to 90d (write 30d rather than 1M).");
            return null;
        }
        var days = minutes / (24 * 60);
        return new WindowFields(
            new JsonObject { ["window"] = $"{days}d" },
            new Dictionary<string, FieldOrigin>(StringComparer.Ordinal) { ["spec.window"] = item.Origin("duration") },
            minutes,
            $"{days}d");
    }

    private WindowFields? Calendar(OpenSloNode item, OpenSloNode calendar, string duration)
    {
        calendar.Known("a calendar", "startTime", "timeZone");
        var period = duration switch
        {
            "1w" or "7d" => "week",
            "1M" => "month",
            "1Q" => "quarter",
            _ => null,
        };
        if (period is null)
        {
            item.Error("duration", $"'{duration}' does not fit: Unyo's calendar windows are a week (1w), a month (1M) or a quarter (1Q).");
            return null;
        }
        var zone = calendar.Text("timeZone");
        if (calendar.Text("startTime") is { } start && !CheckStart(calendar, start, period))
        {
            return null;
        }
        var fields = new JsonObject { ["calendar"] = period }.With("timeZone", zone);
        return new WindowFields(
            fields,
            new Dictionary<string, FieldOrigin>(StringComparer.Ordinal)
            {
                ["spec.calendar"] = item.Origin("duration"),
                ["spec.timeZone"] = calendar.Origin("timeZone"),
            },
            OpenSlo.NominalMinutes(period),
            $"1 {period}");
    }

    // Unyo's periods start at midnight in the time zone: weeks on Monday, months on the 1st,
    // quarters on 1 January, April, July and October. A start on such a day says the same.
    private bool CheckStart(OpenSloNode calendar, string start, string period)
    {
        if (!DateTime.TryParseExact(start, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            calendar.Error("startTime", $"'{start}' must be a date and time such as {OpenSlo.CalendarStart}.");
            return false;
        }
        var aligned = period switch
        {
            "week" => at.DayOfWeek == DayOfWeek.Monday,
            "month" => at.Day == 1,
            _ => at.Day == 1 && (at.Month - 1) % 3 == 0,
        };
        if (!aligned)
        {
            calendar.Error("startTime", $"'{start}' does not start a {period} as Unyo counts them: weeks start on Monday, months on the 1st, quarters on 1 January, April, July and October.");
            return false;
        }
        if (at.TimeOfDay != TimeSpan.Zero)
        {
            Warn(calendar.Document, $"{calendar.At("startTime")}: Unyo starts each {period} at midnight in the time zone, not at {at:HH:mm:ss}.");
        }
        return true;
    }
}
