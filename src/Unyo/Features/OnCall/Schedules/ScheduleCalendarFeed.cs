using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Unyo.Client;

namespace Unyo.Features.OnCall.Schedules;

// iCalendar (RFC 5545) feeds of final schedules: one VEVENT per shift, named for the person and
// the schedule. Times are UTC instants; calendar apps show them in their user's zone. A shift's
// UID is stable for the same schedule, person and start, so a refreshed feed updates events in
// place instead of duplicating them.
public static class ScheduleCalendarFeed
{
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(60);

    public static string Write(string calendarName, IEnumerable<(string Schedule, ScheduleShiftResponse Shift)> shifts, DateTimeOffset stamp)
    {
        var calendar = new Calendar { ProductId = "-//Unyo//On-call//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        foreach (var (schedule, shift) in shifts)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{schedule}-{shift.Person.Id:N}-{shift.Start.ToUnixTimeSeconds()}@unyo",
                Summary = $"On call: {shift.Person.DisplayName} ({schedule})",
                Description = shift.Source == FinalSchedule.OverrideSource ? $"{shift.Person.Email}, override" : $"{shift.Person.Email}, layer {shift.Source}",
                DtStamp = new CalDateTime(stamp.UtcDateTime),
                DtStart = new CalDateTime(shift.Start.UtcDateTime),
                DtEnd = new CalDateTime(shift.End.UtcDateTime),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
