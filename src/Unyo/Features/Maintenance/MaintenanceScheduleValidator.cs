using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Maintenance;

// Field rules for a window's schedule (keys `schedule.start`, `schedule.rrule`, …). Recurrence is
// bounded here, at the door: a rule may not recur more often than hourly, nor overlap itself, as
// far as its first SampleSize starts show (WindowOccurrences caps every expansion as well).
public static partial class MaintenanceScheduleValidator
{
    public const int SampleSize = 1000;
    public static readonly TimeSpan MaxOneOff = TimeSpan.FromDays(90);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(31);
    public static readonly TimeSpan MinGap = TimeSpan.FromHours(1);

    // Where the first starts of a cron expression without a start are sampled from: any date will
    // do, cron repeats itself every 28 years.
    private static readonly DateTime CronSampleStart = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    // Adds its errors to `errors`; judges the schedule on its own, whatever else is wrong.
    public static MaintenanceSchedule? Validate(MaintenanceWindowSchedule? schedule, ValidationErrors errors)
    {
        var own = new ValidationErrors();
        var result = Check(schedule, own);
        foreach (var (field, message) in own.All)
        {
            errors.Add(field, message);
        }
        return own.IsEmpty ? result : null;
    }

    private static MaintenanceSchedule? Check(MaintenanceWindowSchedule? schedule, ValidationErrors errors)
    {
        if (schedule is null)
        {
            errors.Add("schedule", "is required: start and end for a one-off window, or rrule or cron with start, duration and timeZone for a recurring one.");
            return null;
        }
        if (schedule.Rrule is not null && schedule.Cron is not null)
        {
            errors.Add("schedule.cron", "give rrule or cron, not both.");
            return null;
        }
        return schedule.Rrule is null && schedule.Cron is null ? OneOff(schedule, errors) : Recurring(schedule, errors);
    }

    private static MaintenanceSchedule? OneOff(MaintenanceWindowSchedule schedule, ValidationErrors errors)
    {
        foreach (var (field, value) in new[] { ("duration", schedule.Duration), ("timeZone", schedule.TimeZone), ("until", schedule.Until) })
        {
            if (value is not null)
            {
                errors.Add($"schedule.{field}", "applies only to recurring windows (with rrule or cron); a one-off window is start to end.");
            }
        }
        var start = Instant(schedule.Start, "schedule.start", required: true, errors);
        var end = Instant(schedule.End, "schedule.end", required: true, errors);
        if (start is not { } from || end is not { } to)
        {
            return null;
        }
        if (to <= from)
        {
            errors.Add("schedule.end", "must be after start.");
        }
        else if (to - from > MaxOneOff)
        {
            errors.Add("schedule.end", $"is {(to - from).TotalDays:0.#} days after start: a one-off window lasts at most {MaxOneOff.TotalDays:0} days.");
        }
        return errors.IsEmpty ? MaintenanceSchedule.OneOff(from, to) : null;
    }

    private static MaintenanceSchedule? Recurring(MaintenanceWindowSchedule schedule, ValidationErrors errors)
    {
        if (schedule.End is not null)
        {
            errors.Add("schedule.end", "is for one-off windows: a recurring window gives a duration instead.");
        }
        var duration = Duration(schedule.Duration, errors);
        var zoneId = string.IsNullOrWhiteSpace(schedule.TimeZone) ? "UTC" : schedule.TimeZone.Trim();
        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add("schedule.timeZone", $"'{zoneId}' is not a time zone this server knows: use an IANA name such as Europe/Berlin or UTC.");
        }
        var local = Local(schedule.Start, required: schedule.Rrule is not null, errors);
        var until = Instant(schedule.Until, "schedule.until", required: false, errors);
        var (field, rule) = schedule.Rrule is not null ? ("schedule.rrule", Rrule(schedule.Rrule, errors)) : ("schedule.cron", Cron(schedule.Cron!, errors));
        if (!errors.IsEmpty || rule is null || zone is null || duration is not { } length)
        {
            return null;
        }
        var result = new MaintenanceSchedule(null, null, schedule.Rrule is not null ? rule : null, schedule.Cron is not null ? rule : null, local, length, zoneId, until);
        WindowRecurrence recurrence;
        try
        {
            recurrence = result.CompileRecurrence()!;
        }
        catch (FormatException exception)
        {
            errors.Add(field, $"'{rule}' cannot be read: {exception.Message}");
            return null;
        }
        CheckSample(recurrence, result, zone, field, errors);
        return errors.IsEmpty ? result : null;
    }

    // The first starts tell whether the rule ever happens, how close its starts come, and
    // whether until leaves anything.
    private static void CheckSample(WindowRecurrence recurrence, MaintenanceSchedule schedule, TimeZoneInfo zone, string field, ValidationErrors errors)
    {
        List<DateTime> starts;
        try
        {
            starts = [.. recurrence.StartsFrom(schedule.LocalStart ?? CronSampleStart).Take(SampleSize)];
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or FormatException)
        {
            errors.Add(field, $"'{schedule.Rrule ?? schedule.Cron}' cannot be expanded: {exception.Message}");
            return;
        }
        if (starts.Count == 0)
        {
            errors.Add(field, "never happens: no date matches it.");
            return;
        }
        var closest = starts.Zip(starts.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        if (closest < MinGap)
        {
            errors.Add(field, $"starts {Durations.Format(closest)} apart: a window may recur at most hourly.");
        }
        else if (closest < schedule.Duration)
        {
            errors.Add("schedule.duration", $"{Durations.Format(schedule.Duration)} is longer than the {Durations.Format(closest)} between two starts: occurrences must not overlap.");
        }
        if (schedule.Until is { } until && schedule.LocalStart is not null && WallClock.ToInstant(starts[0], zone) >= until)
        {
            errors.Add("schedule.until", $"is not after the first start ({MaintenanceSchedule.Instant(WallClock.ToInstant(starts[0], zone))}): the window would never happen.");
        }
    }
}
