namespace Unyo.Features.Slos;

public enum CalendarPeriod
{
    Week,
    Month,
    Quarter,
}

// The span an SLO is judged over: a rolling window of 1 to 90 days ending now, or the current
// calendar week (from Monday), month or quarter in the SLO's timezone.
public sealed record SloWindow(TimeSpan? Rolling, CalendarPeriod? Calendar, TimeZoneInfo TimeZone)
{
    public const int MaxRollingDays = 90;

    public static SloWindow RollingDays(int days) => new(TimeSpan.FromDays(days), null, TimeZoneInfo.Utc);

    public static SloWindow CalendarIn(CalendarPeriod period, TimeZoneInfo zone) => new(null, period, zone);

    // [start, end) of the period that holds `at`; for a rolling window, the window ending at `at`.
    public (DateTimeOffset Start, DateTimeOffset End) PeriodAt(DateTimeOffset at)
    {
        if (Rolling is { } length)
        {
            return (at - length, at);
        }
        var local = TimeZoneInfo.ConvertTime(at, TimeZone).DateTime;
        var startDate = Calendar switch
        {
            CalendarPeriod.Week => local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)),
            CalendarPeriod.Month => new DateTime(local.Year, local.Month, 1),
            _ => new DateTime(local.Year, (local.Month - 1) / 3 * 3 + 1, 1),
        };
        var endDate = Calendar switch
        {
            CalendarPeriod.Week => startDate.AddDays(7),
            CalendarPeriod.Month => startDate.AddMonths(1),
            _ => startDate.AddMonths(3),
        };
        return (StartOfDay(startDate, TimeZone), StartOfDay(endDate, TimeZone));
    }

    // The length the budget is sized for: the rolling length, or the whole calendar period.
    public TimeSpan LengthAt(DateTimeOffset at)
    {
        var (start, end) = PeriodAt(at);
        return Rolling ?? end - start;
    }

    public string Describe() => Rolling is { } length
        ? $"rolling {length.TotalDays:0} days"
        : $"calendar {Calendar!.Value.ToString().ToLowerInvariant()} ({TimeZone.Id})";

    // Midnight in the zone as an instant; a midnight skipped by a DST change moves to the first
    // valid local time after it.
    public static DateTimeOffset StartOfDay(DateTime localMidnight, TimeZoneInfo zone)
    {
        var time = DateTime.SpecifyKind(localMidnight, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(time))
        {
            time = time.AddMinutes(30);
        }
        return new DateTimeOffset(time, zone.GetUtcOffset(time));
    }
}
