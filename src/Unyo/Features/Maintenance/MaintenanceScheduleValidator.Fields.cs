using System.Globalization;
using System.Text.RegularExpressions;
using Unyo.Hosting;

namespace Unyo.Features.Maintenance;

// The schedule's single fields, read strictly and made canonical.
public static partial class MaintenanceScheduleValidator
{
    private static readonly string[] Frequencies = ["HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"];

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:00)?$")]
    private static partial Regex LocalPattern();

    // Canonical: upper case, without an RRULE: prefix.
    private static string? Rrule(string text, ValidationErrors errors)
    {
        var rule = text.Trim().ToUpperInvariant();
        if (rule.StartsWith("RRULE:", StringComparison.Ordinal))
        {
            rule = rule["RRULE:".Length..];
        }
        if (rule.Length is 0 or > 500)
        {
            errors.Add("schedule.rrule", "must be an RFC 5545 rule of at most 500 characters, such as FREQ=WEEKLY;BYDAY=TU;BYHOUR=2.");
            return null;
        }
        var parts = rule.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First() is { Length: 2 } part ? part[1] : "", StringComparer.Ordinal);
        if (!parts.TryGetValue("FREQ", out var frequency))
        {
            errors.Add("schedule.rrule", "needs FREQ, such as FREQ=WEEKLY;BYDAY=TU.");
        }
        else if (!Frequencies.Contains(frequency))
        {
            errors.Add("schedule.rrule", $"FREQ={frequency} is not allowed: a window recurs at most hourly (FREQ=HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY).");
        }
        if (parts.ContainsKey("UNTIL"))
        {
            errors.Add("schedule.rrule", "must not hold UNTIL: give schedule.until (an RFC 3339 instant) instead.");
        }
        if (parts.ContainsKey("BYSECOND"))
        {
            errors.Add("schedule.rrule", "must not hold BYSECOND: windows start on whole minutes.");
        }
        return errors.Has("schedule.rrule") ? null : rule;
    }

    // Canonical: the five fields separated by single spaces.
    private static string? Cron(string text, ValidationErrors errors)
    {
        var fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            errors.Add("schedule.cron", $"'{text}' must have 5 fields (minute hour day-of-month month day-of-week), such as 0 2 * * 2.");
            return null;
        }
        return string.Join(' ', fields);
    }

    private static TimeSpan? Duration(string? text, ValidationErrors errors)
    {
        if (text is null)
        {
            errors.Add("schedule.duration", "is required for a recurring window: how long each occurrence lasts, such as 2h or 90m.");
            return null;
        }
        if (!Durations.TryParse(text, out var duration))
        {
            errors.Add("schedule.duration", $"'{text}' is not a duration such as 90m, 2h, 1h30m or 1d.");
            return null;
        }
        if (duration > MaxDuration)
        {
            errors.Add("schedule.duration", $"{Durations.Format(duration)} is longer than {MaxDuration.TotalDays:0} days.");
            return null;
        }
        return duration;
    }

    private static DateTimeOffset? Instant(string? text, string field, bool required, ValidationErrors errors)
    {
        if (text is null)
        {
            if (required)
            {
                errors.Add(field, "is required: an RFC 3339 instant with Z or an offset, such as 2026-03-01T22:00:00Z.");
            }
            return null;
        }
        if (!InstantPattern().IsMatch(text.Trim()) || !DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            errors.Add(field, $"'{text}' is not an RFC 3339 instant with Z or an offset (and whole seconds), such as 2026-03-01T22:00:00Z.");
            return null;
        }
        return instant.ToUniversalTime();
    }

    private static DateTime? Local(string? text, bool required, ValidationErrors errors)
    {
        if (text is null)
        {
            if (required)
            {
                errors.Add("schedule.start", "is required with an rrule: the local date and time it runs from, such as 2026-01-06T02:00 (read in timeZone).");
            }
            return null;
        }
        var trimmed = text.Trim();
        if (!LocalPattern().IsMatch(trimmed) || !DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add("schedule.start", $"'{text}' must be a local date and time in whole minutes, without offset, such as 2026-01-06T02:00: a recurring window follows the wall clock of its timeZone.");
            return null;
        }
        return DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
    }
}
