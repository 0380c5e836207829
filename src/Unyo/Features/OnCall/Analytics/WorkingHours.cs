using Unyo.Features.OnCall.Schedules;

namespace Unyo.Features.OnCall.Analytics;

// A person's working week on their own wall clock: the days they work and, on those days, the
// hours [From, To). Outside it a page is off-hours; from 22:00 to 07:00 it is a night page too.
public sealed record WorkingHours(TimeZoneInfo Zone, IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To)
{
    public static readonly TimeOnly NightStarts = new(22, 0);
    public static readonly TimeOnly NightEnds = new(7, 0);

    public static readonly IReadOnlyList<DayOfWeek> Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    // Everyone who has not said otherwise: mon–fri 09:00–17:00 UTC.
    public static readonly WorkingHours Default = new(TimeZoneInfo.Utc, new HashSet<DayOfWeek>(Weekdays), new TimeOnly(9, 0), new TimeOnly(17, 0));

    public string ZoneName => Zone.HasIanaId || !TimeZoneInfo.TryConvertWindowsIdToIanaId(Zone.Id, out var iana) ? Zone.Id : iana;

    // Days in week order starting Monday, the way people read a working week.
    public IReadOnlyList<string> DayNames => [.. Days.OrderBy(d => ((int)d + 6) % 7).Select(ScheduleFormats.Day)];

    public bool IsWorking(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return Days.Contains(local.DayOfWeek) && time >= From && time < To;
    }

    public bool IsNight(DateTimeOffset at)
    {
        var time = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(at, Zone).TimeOfDay);
        return time >= NightStarts || time < NightEnds;
    }

    public static WorkingHours Of(OnCallProfile? profile)
    {
        if (profile is null || ScheduleFormats.FindZone(profile.TimeZone) is not { } zone)
        {
            return Default;
        }
        var days = profile.WorkDays.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ScheduleFormats.ParseDay).OfType<DayOfWeek>().ToHashSet();
        return new WorkingHours(zone, days, profile.WorkFrom, profile.WorkTo);
    }
}
