using System.Globalization;
using System.Text.RegularExpressions;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Slos;

// Field rules for an SLO, shared by the API and YAML. Keys are the request's field names
// (`objective`, `alertRules[0].shortWindow`); whether the service and the SLI exist, and belong
// together, is checked where the state is known (SloCatalog, SloConfigKind).
public static partial class SloValidator
{
    public const int MaxAlertRules = 10;
    private const int MaxObjectiveDecimals = 6;

    public static SloSpec? Validate(SloRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        Slugs.Check(request.Service, "service", errors);
        Slugs.Check(request.Sli, "sli", errors);
        if (request.DisplayName is { Length: > 200 })
        {
            errors.Add("displayName", "must be at most 200 characters.");
        }
        if (request.Description is { Length: > 2000 })
        {
            errors.Add("description", "must be at most 2000 characters.");
        }
        CheckObjective(request.Objective, errors);
        var (rollingDays, calendar, timeZone, shortest) = CheckWindow(request, errors);
        var (budgeting, sliceTarget, sliceMinutes) = CheckBudgeting(request, errors);
        var rules = CheckAlertRules(request.AlertRules, shortest, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new SloSpec(
            request.Name!,
            string.IsNullOrWhiteSpace(request.DisplayName) ? request.Name! : request.DisplayName.Trim(),
            string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            request.Service!,
            request.Sli!,
            SloSpec.Percent(request.Objective!.Value),
            rollingDays,
            calendar,
            timeZone,
            budgeting,
            sliceTarget is { } target ? SloSpec.Percent(target) : null,
            sliceMinutes,
            rules,
            request.ExcludeMaintenance ?? false);
    }

    private static void CheckObjective(decimal? objective, ValidationErrors errors)
    {
        if (objective is not { } value)
        {
            errors.Add("objective", "is required: the share of good events in percent, such as 99.9.");
        }
        else if (value is <= 0 or >= 100)
        {
            // 100% leaves no error budget at all (every bad event is an outage), 0% promises nothing.
            errors.Add("objective", $"{value.ToString(CultureInfo.InvariantCulture)} must be strictly between 0 and 100 (percent): 100 leaves no error budget.");
        }
        else if (decimal.Round(value, MaxObjectiveDecimals) != value)
        {
            errors.Add("objective", $"{value.ToString(CultureInfo.InvariantCulture)} has more than {MaxObjectiveDecimals} decimals.");
        }
    }

    // Exactly one of a rolling window or a calendar period. Returns the shortest length the window
    // can have, which bounds the alert windows (a calendar month is at least 28 days).
    private static (int? Days, CalendarPeriod? Calendar, string? TimeZone, TimeSpan? Shortest) CheckWindow(SloRequest request, ValidationErrors errors)
    {
        if (request.Window is not null && request.Calendar is not null)
        {
            errors.Add("window", "give either window (rolling, such as 30d) or calendar (week, month, quarter), not both.");
            return default;
        }
        if (request.Window is null && request.Calendar is null)
        {
            errors.Add("window", "is required: a rolling window such as 30d, or set calendar to week, month or quarter instead.");
            return default;
        }
        if (request.Window is { } window)
        {
            if (request.TimeZone is not null)
            {
                errors.Add("timeZone", "applies only to calendar windows; a rolling window ends now, in no time zone.");
            }
            var days = RollingDays(window);
            if (days is null)
            {
                errors.Add("window", $"'{window}' must be whole days or weeks from 1d to {SloWindow.MaxRollingDays}d, such as 7d, 28d, 30d or 4w.");
                return default;
            }
            return (days, null, null, TimeSpan.FromDays(days.Value));
        }
        CalendarPeriod? calendar = null;
        if (Enum.TryParse<CalendarPeriod>(request.Calendar, ignoreCase: true, out var period) && Enum.IsDefined(period) && !int.TryParse(request.Calendar, out _))
        {
            calendar = period;
        }
        else
        {
            errors.Add("calendar", $"'{request.Calendar}' must be week, month or quarter.");
        }
        var zone = request.TimeZone ?? "UTC";
        if (zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) || !found.HasIanaId)
        {
            errors.Add("timeZone", $"'{zone}' is not an IANA time zone this server knows, such as UTC or Europe/Berlin.");
        }
        TimeSpan? shortest = calendar switch
        {
            CalendarPeriod.Week => TimeSpan.FromDays(7),
            CalendarPeriod.Month => TimeSpan.FromDays(28),
            CalendarPeriod.Quarter => TimeSpan.FromDays(90),
            _ => null,
        };
        return (null, calendar, zone, shortest);
    }

    private static int? RollingDays(string window)
    {
        var match = RollingPattern().Match(window);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }
        var days = match.Groups[2].Value == "w" ? (long)n * 7 : n;
        return days is >= 1 and <= SloWindow.MaxRollingDays ? (int)days : null;
    }

    private static (BudgetingMethod Budgeting, decimal? Target, int? Minutes) CheckBudgeting(SloRequest request, ValidationErrors errors)
    {
        var budgeting = BudgetingMethod.Occurrences;
        if (request.Budgeting is not null && !(Enum.TryParse(request.Budgeting, ignoreCase: true, out budgeting) && Enum.IsDefined(budgeting) && !int.TryParse(request.Budgeting, out _)))
        {
            errors.Add("budgeting", $"'{request.Budgeting}' must be occurrences or timeslices.");
            return default;
        }
        if (budgeting == BudgetingMethod.Occurrences)
        {
            if (request.TimeSliceTarget is not null)
            {
                errors.Add("timeSliceTarget", "applies only to budgeting: timeslices.");
            }
            if (request.TimeSliceWindow is not null)
            {
                errors.Add("timeSliceWindow", "applies only to budgeting: timeslices.");
            }
            return (budgeting, null, null);
        }
        if (request.TimeSliceTarget is not { } target)
        {
            errors.Add("timeSliceTarget", "is required with timeslices: the share of good events in percent that makes a slice good, such as 95.");
        }
        else if (target is <= 0 or > 100)
        {
            errors.Add("timeSliceTarget", $"{target.ToString(CultureInfo.InvariantCulture)} must be above 0 and at most 100 (percent).");
        }
        int? minutes = null;
        if (request.TimeSliceWindow is null)
        {
            errors.Add("timeSliceWindow", "is required with timeslices: the length of one slice, 1m to 60m.");
        }
        else if (SlicePattern().Match(request.TimeSliceWindow) is { Success: true } match
            && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 60)
        {
            minutes = n;
        }
        else
        {
            errors.Add("timeSliceWindow", $"'{request.TimeSliceWindow}' must be whole minutes from 1m to 60m, such as 5m.");
        }
        return (budgeting, request.TimeSliceTarget, minutes);
    }

    private static List<SloAlertRuleSpec> CheckAlertRules(IReadOnlyList<SloAlertRule>? rules, TimeSpan? sloWindow, ValidationErrors errors)
    {
        if (rules is null)
        {
            return [];
        }
        if (rules.Count > MaxAlertRules)
        {
            errors.Add("alertRules", $"must hold at most {MaxAlertRules} rules.");
        }
        var result = new List<SloAlertRuleSpec>();
        for (var i = 0; i < rules.Count; i++)
        {
            var field = $"alertRules[{i}]";
            if (rules[i] is not { } rule)
            {
                errors.Add(field, "must be an object with severity, longWindow, shortWindow and budgetConsumed.");
                continue;
            }
            BurnSeverity severity = default;
            if (rule.Severity is null)
            {
                errors.Add($"{field}.severity", "is required: page or ticket.");
            }
            else if (!Enum.TryParse(rule.Severity, ignoreCase: true, out severity) || !Enum.IsDefined(severity) || int.TryParse(rule.Severity, out _))
            {
                errors.Add($"{field}.severity", $"'{rule.Severity}' must be page or ticket.");
            }
            var longWindow = AlertWindow(rule.LongWindow, $"{field}.longWindow", sloWindow, errors);
            var shortWindow = AlertWindow(rule.ShortWindow, $"{field}.shortWindow", sloWindow, errors);
            if (longWindow is { } l && shortWindow is { } s && s >= l)
            {
                errors.Add($"{field}.shortWindow", $"{rule.ShortWindow} must be shorter than the long window ({rule.LongWindow}): it confirms the burn is still happening.");
            }
            if (rule.BudgetConsumed is not { } consumed)
            {
                errors.Add($"{field}.budgetConsumed", "is required: the share of the whole error budget in percent, such as 2.");
            }
            else if (consumed is <= 0 or > 100)
            {
                errors.Add($"{field}.budgetConsumed", $"{consumed.ToString(CultureInfo.InvariantCulture)} must be above 0 and at most 100 (percent).");
            }
            if (longWindow is { } lw && shortWindow is { } sw && rule.BudgetConsumed is { } budget)
            {
                result.Add(new SloAlertRuleSpec(severity, (int)lw.TotalMinutes, (int)sw.TotalMinutes, SloSpec.Percent(budget)));
            }
        }
        return result;
    }

    private static TimeSpan? AlertWindow(string? text, string field, TimeSpan? sloWindow, ValidationErrors errors)
    {
        if (text is null)
        {
            errors.Add(field, "is required: a window such as 5m, 1h or 3d.");
            return null;
        }
        // Short enough for TimeSpan: Windows.TryParse would throw on a million weeks.
        if (!AlertWindowPattern().IsMatch(text) || !Windows.TryParse(text, out var window))
        {
            errors.Add(field, $"'{text}' must be a whole number of minutes, hours, days or weeks, such as 5m, 1h or 3d.");
            return null;
        }
        if (sloWindow is { } limit && window > limit)
        {
            errors.Add(field, $"{text} is longer than the SLO window ({Windows.Format(limit)}{(limit == TimeSpan.FromDays(28) ? ", the shortest month" : "")}).");
            return null;
        }
        return window;
    }

    [GeneratedRegex("^([0-9]{1,4})([dw])$")]
    private static partial Regex RollingPattern();

    [GeneratedRegex("^[0-9]{1,6}[mhdw]$")]
    private static partial Regex AlertWindowPattern();

    [GeneratedRegex("^([0-9]{1,3})m$")]
    private static partial Regex SlicePattern();
}
