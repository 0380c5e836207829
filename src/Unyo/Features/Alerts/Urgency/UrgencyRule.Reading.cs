using System.Globalization;
using System.Text.Json;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Urgency;

// Reading the fields of a support-hours rule.
public sealed partial record UrgencyRule
{
    private static string? ReadZone(JsonElement element, string field, ValidationErrors errors)
    {
        var name = Text(element, "timeZone", field, errors);
        if (name is null)
        {
            errors.Add($"{field}.timeZone", "is required: an IANA time zone such as Europe/Berlin.");
            return null;
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            errors.Add($"{field}.timeZone", $"'{name}' is not a known IANA time zone (such as Europe/Berlin or America/New_York).");
            return null;
        }
        // Stored under its IANA name even when a Windows name was given.
        return zone.HasIanaId || !TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? zone.Id : iana;
    }

    private static List<DayOfWeek>? ReadDays(JsonElement element, string field, ValidationErrors errors)
    {
        if (!element.TryGetProperty("days", out var days) || days.ValueKind != JsonValueKind.Array || days.GetArrayLength() == 0)
        {
            errors.Add($"{field}.days", "is required: a list of days such as [mon, tue, wed, thu, fri].");
            return null;
        }
        var list = new List<DayOfWeek>();
        var index = 0;
        foreach (var day in days.EnumerateArray())
        {
            var at = Array.IndexOf(DayNames, day.ValueKind == JsonValueKind.String ? day.GetString()!.ToLowerInvariant() : null);
            if (at < 0)
            {
                errors.Add($"{field}.days[{index}]", "must be one of mon, tue, wed, thu, fri, sat, sun.");
            }
            else if (list.Contains((DayOfWeek)at))
            {
                errors.Add($"{field}.days[{index}]", $"'{DayNames[at]}' is listed twice.");
            }
            else
            {
                list.Add((DayOfWeek)at);
            }
            index++;
        }
        return list.Count == index ? list : null;
    }

    private static int? ReadTime(JsonElement element, string name, string field, bool allowMidnightEnd, ValidationErrors errors)
    {
        var text = Text(element, name, field, errors);
        if (text is null)
        {
            errors.Add($"{field}.{name}", "is required: a time of day as HH:MM, such as 08:00.");
            return null;
        }
        if (allowMidnightEnd && text == "24:00")
        {
            return 24 * 60;
        }
        if (text.Length == 5 && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return (time.Hour * 60) + time.Minute;
        }
        errors.Add($"{field}.{name}", $"'{text}' must be a time of day as HH:MM (00:00 to 23:59{(allowMidnightEnd ? ", or 24:00" : "")}).");
        return null;
    }

    private static UrgencyChoice? ReadChoice(JsonElement element, string name, string field, UrgencyChoice fallback, ValidationErrors errors) =>
        Text(element, name, field, errors) switch
        {
            null => fallback,
            "high" => UrgencyChoice.High,
            "low" => UrgencyChoice.Low,
            "severity" => UrgencyChoice.Severity,
            var other => Fail<UrgencyChoice>(errors, $"{field}.{name}", $"'{other}' must be high, low or severity."),
        };

    private static string? Text(JsonElement element, string name, string field, ValidationErrors errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{field}.{name}", "must be a string.");
            return null;
        }
        return value.GetString();
    }

    private static T? Fail<T>(ValidationErrors errors, string field, string message) where T : struct
    {
        errors.Add(field, message);
        return null;
    }
}
