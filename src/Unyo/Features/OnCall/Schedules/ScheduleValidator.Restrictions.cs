using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

public static partial class ScheduleValidator
{
    private static List<ScheduleRestrictionRequest> Restrictions(IReadOnlyList<ScheduleRestrictionRequest>? restrictions, string field, ValidationErrors errors)
    {
        var valid = new List<ScheduleRestrictionRequest>();
        if (restrictions is null)
        {
            return valid;
        }
        if (restrictions.Count > MaxRestrictions)
        {
            errors.Add(field, $"must be at most {MaxRestrictions}.");
            return valid;
        }
        for (var i = 0; i < restrictions.Count; i++)
        {
            if (Restriction(restrictions[i], $"{field}[{i}]", errors) is { } restriction)
            {
                valid.Add(restriction);
            }
        }
        return valid;
    }

    private static ScheduleRestrictionRequest? Restriction(ScheduleRestrictionRequest? r, string field, ValidationErrors errors)
    {
        if (r is null)
        {
            errors.Add(field, "is empty: give type daily (from, to, days) or weekly (fromDay, from, toDay, to).");
            return null;
        }
        var type = r.Type?.Trim().ToLowerInvariant();
        if (type is not ("daily" or "weekly"))
        {
            errors.Add($"{field}.type", string.IsNullOrWhiteSpace(r.Type) ? "is required: daily or weekly." : $"'{r.Type}' is not a restriction type: use daily or weekly.");
            return null;
        }
        var from = Time(r.From, $"{field}.from", errors);
        var to = Time(r.To, $"{field}.to", errors);
        if (type == "daily")
        {
            if (r.FromDay is not null || r.ToDay is not null)
            {
                errors.Add($"{field}.fromDay", "belongs to weekly restrictions; a daily one takes days.");
            }
            var days = new List<DayOfWeek>();
            var badDay = false;
            for (var i = 0; i < (r.Days?.Count ?? 0); i++)
            {
                var day = Day(r.Days![i], $"{field}.days[{i}]", errors);
                badDay |= day is null;
                if (day is { } d && !days.Contains(d))
                {
                    days.Add(d);
                }
            }
            if (from == to && from is not null)
            {
                errors.Add($"{field}.to", "must differ from from: a window that opens and closes at once is never open (leave the restriction out for all day).");
            }
            return from is null || to is null || badDay || from == to
                ? null
                : new ScheduleRestrictionRequest
                {
                    Type = "daily",
                    From = ScheduleFormats.Time(from.Value),
                    To = ScheduleFormats.Time(to.Value),
                    Days = days.Count is > 0 and < 7 ? [.. days.Order().Select(ScheduleFormats.Day)] : null,
                };
        }
        if (r.Days is { Count: > 0 })
        {
            errors.Add($"{field}.days", "belongs to daily restrictions; a weekly one takes fromDay and toDay.");
        }
        var fromDay = Day(r.FromDay, $"{field}.fromDay", errors);
        var toDay = Day(r.ToDay, $"{field}.toDay", errors);
        if (from is null || to is null || fromDay is null || toDay is null || r.Days is { Count: > 0 })
        {
            return null;
        }
        return new ScheduleRestrictionRequest
        {
            Type = "weekly",
            FromDay = ScheduleFormats.Day(fromDay.Value),
            From = ScheduleFormats.Time(from.Value),
            ToDay = ScheduleFormats.Day(toDay.Value),
            To = ScheduleFormats.Time(to.Value),
        };
    }

    private static TimeOnly? Time(string? text, string field, ValidationErrors errors)
    {
        var time = ScheduleFormats.ParseTime(text);
        if (time is null)
        {
            errors.Add(field, string.IsNullOrWhiteSpace(text) ? "is required: a time of day HH:mm, such as 09:00." : $"'{text}' is not a time of day HH:mm, such as 09:00 or 17:30.");
        }
        return time;
    }

    private static DayOfWeek? Day(string? text, string field, ValidationErrors errors)
    {
        var day = ScheduleFormats.ParseDay(text);
        if (day is null)
        {
            errors.Add(field, string.IsNullOrWhiteSpace(text) ? "is required: a weekday, mon to sun." : $"'{text}' is not a weekday: use mon, tue, wed, thu, fri, sat or sun.");
        }
        return day;
    }
}
