using System.Text.RegularExpressions;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Unyo.Client;
using Unyo.Features.Maintenance;

namespace Unyo.Features.OnCall.Schedules;

// An iCalendar file (another tool's on-call calendar, a spreadsheet's export) read as the shifts
// of a fixed layer: each VEVENT is a shift of the person it names. Recurring events are expanded
// from now over the next 93 days; single events that are over are left out.
public static partial class ScheduleICalImport
{
    public const int MaxBytes = 1024 * 1024;
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(93);

    public sealed record Person(Guid Id, string Email, string DisplayName);

    // Shifts (sorted by start), events that name nobody known, and events that are wrong in
    // themselves (no times, times backwards, overlapping another).
    public sealed record Result(List<ScheduleFixedShiftRequest> Shifts, List<ScheduleICalEventProblem> Unknown, List<ScheduleICalEventProblem> Bad);

    public static Result Read(Calendar calendar, string text, TimeZoneInfo zone, DateTimeOffset now, IReadOnlyCollection<Person> people)
    {
        var byEmail = people.ToDictionary(p => p.Email, StringComparer.OrdinalIgnoreCase);
        var byName = people.GroupBy(p => p.DisplayName.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        var lines = EventLines(text);
        var (unknown, bad) = (new List<ScheduleICalEventProblem>(), new List<ScheduleICalEventProblem>());
        var shifts = new List<(int Index, string? Uid, string Email, DateTimeOffset Start, DateTimeOffset End)>();
        var events = calendar.Events.ToList();
        for (var i = 0; i < events.Count; i++)
        {
            var evt = events[i];
            ScheduleICalEventProblem Problem(string reason) => new(i, i < lines.Count ? lines[i] : 0, evt.Uid, reason);
            if (evt.DtStart is null || evt.DtEnd is null && evt.Duration is null)
            {
                bad.Add(Problem(evt.DtStart is null ? "has no DTSTART." : "has no DTEND (or DURATION)."));
                continue;
            }
            var (who, why) = Who(evt, byEmail, byName);
            if (who is null)
            {
                unknown.Add(Problem(why!));
                continue;
            }
            foreach (var (start, end) in Occurrences(evt, zone, now))
            {
                if (end <= start)
                {
                    bad.Add(Problem("ends before it starts."));
                    break;
                }
                shifts.Add((i, evt.Uid, who.Email, start, end));
            }
        }
        shifts.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var k = 1; k < shifts.Count; k++)
        {
            if (shifts[k].Start < shifts[k - 1].End)
            {
                var (index, line) = (shifts[k].Index, shifts[k].Index < lines.Count ? lines[shifts[k].Index] : 0);
                bad.Add(new(index, line, shifts[k].Uid,
                    $"from {ScheduleFormats.Instant(shifts[k].Start)} it overlaps event {shifts[k - 1].Index} ({shifts[k - 1].Uid ?? "no UID"}, {shifts[k - 1].Email}): a layer has one person on call at a time."));
            }
        }
        return new Result(
            [.. shifts.Select(s => new ScheduleFixedShiftRequest { User = s.Email, Start = ScheduleFormats.Instant(s.Start), End = ScheduleFormats.Instant(s.End) })],
            unknown, [.. bad.DistinctBy(b => (b.Index, b.Reason))]);
    }

    // ATTENDEE mailto: first, then an email in SUMMARY, then SUMMARY as someone's display name.
    private static (Person? Who, string? Why) Who(CalendarEvent evt, Dictionary<string, Person> byEmail, Dictionary<string, List<Person>> byName)
    {
        var attendees = evt.Attendees.Select(a => a.Value?.ToString() ?? "").Where(v => v.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            .Select(v => Uri.UnescapeDataString(v["mailto:".Length..]).Trim()).ToList();
        if (attendees.Select(a => byEmail.GetValueOrDefault(a)).FirstOrDefault(p => p is not null) is { } attendee)
        {
            return (attendee, null);
        }
        var summary = evt.Summary?.Trim() ?? "";
        if (Email().Matches(summary).Select(m => byEmail.GetValueOrDefault(m.Value)).FirstOrDefault(p => p is not null) is { } mentioned)
        {
            return (mentioned, null);
        }
        if (byName.TryGetValue(summary, out var named))
        {
            return named.Count == 1 ? (named[0], null) : (null, $"SUMMARY '{summary}' is the name of {named.Count} users; give an ATTENDEE mailto: instead.");
        }
        var tried = attendees.Count > 0 ? $"ATTENDEE {string.Join(", ", attendees)}" : "no ATTENDEE";
        return (null, $"names no enabled user: {tried}, and SUMMARY '{summary}' holds no user's email and is no user's display name.");
    }

    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Occurrences(CalendarEvent evt, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (evt.RecurrenceRule is null && !evt.RecurrenceDates.GetAllDates().Any())
        {
            var start = Instant(evt.DtStart!, zone);
            var end = evt.DtEnd is { } dtEnd ? Instant(dtEnd, zone) : start + evt.Duration!.Value.ToTimeSpanUnspecified();
            return end > now ? [(start, end)] : [];
        }
        var until = new CalDateTime((now + Horizon).UtcDateTime, "UTC");
        return [.. evt.GetOccurrences(new CalDateTime(now.UtcDateTime, "UTC")).TakeWhileBefore(until)
            .Select(o => (Instant(o.Period.StartTime, zone), Instant(o.Period.EffectiveEndTime ?? o.Period.StartTime, zone)))
            .Where(o => o.Item2 > now)];
    }

    // Floating times (no TZID, no Z) and all-day dates are read on the schedule's wall clock.
    private static DateTimeOffset Instant(CalDateTime at, TimeZoneInfo zone) => at.IsFloating
        ? WallClock.ToInstant(at.Value, zone)
        : new DateTimeOffset(DateTime.SpecifyKind(at.AsUtc, DateTimeKind.Utc));

    // The line (from 1) of each BEGIN:VEVENT, in order: where to look in the file.
    private static List<int> EventLines(string text)
    {
        var lines = new List<int>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.TrimEnd('\r').Trim().Equals("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                lines.Add(number);
            }
        }
        return lines;
    }

    [GeneratedRegex(@"[^\s<>()\[\],;:""']+@[^\s<>()\[\],;:""']+")]
    private static partial Regex Email();
}
