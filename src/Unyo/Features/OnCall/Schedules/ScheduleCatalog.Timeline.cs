using Microsoft.EntityFrameworkCore;
using Unyo.Client;

namespace Unyo.Features.OnCall.Schedules;

// Who is on call when: the stored layers and overrides handed to the engine.
public sealed partial class ScheduleCatalog
{
    public async Task<FinalSchedule> FinalAsync(Schedule schedule, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        var layers = StoredLayer.Read(schedule.Layers).Select(l => l.ToEngine(zone)).ToList();
        var overrides = await db.ScheduleOverrides.AsNoTracking()
            .Where(o => o.ScheduleId == schedule.Id && o.EndsAt > from && o.StartsAt < to)
            .OrderBy(o => o.StartsAt)
            .Select(o => new Shift(o.UserId, o.StartsAt, o.EndsAt))
            .ToListAsync(cancellationToken);
        return FinalSchedule.Compute(layers, overrides, zone, from, to);
    }

    public async Task<OnCallResponse> OnCallAsync(Schedule schedule, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var final = await FinalAsync(schedule, at, at + MaxSpan, cancellationToken);
        var team = schedule.Team!.Name;
        if (final.At(at) is not { } shift)
        {
            // The gap runs until the first shift after it, if there is one in sight.
            var next = final.Shifts.FirstOrDefault(s => s.Start > at);
            return new OnCallResponse(schedule.Name, team, at, null, null, next?.Start);
        }
        // Consecutive stretches of one person (a layer turn and then an override) are one watch.
        var until = shift.End;
        foreach (var later in final.Shifts.Where(s => s.Start >= shift.End))
        {
            if (later.Start != until || later.UserId != shift.UserId)
            {
                break;
            }
            until = later.End;
        }
        var people = await PeopleAsync([shift.UserId], cancellationToken);
        return new OnCallResponse(schedule.Name, team, at, Person(people, shift.UserId), shift.Source, until >= at + MaxSpan ? null : until);
    }

    public async Task<ScheduleShiftsResponse> ShiftsAsync(Schedule schedule, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var final = await FinalAsync(schedule, from, to, cancellationToken);
        var people = await PeopleAsync(final.Shifts.Select(s => s.UserId), cancellationToken);
        return new ScheduleShiftsResponse(
            schedule.Name, schedule.TimeZone, from, to,
            [.. final.Shifts.Select(s => new ScheduleShiftResponse(Person(people, s.UserId), s.Start, s.End, s.Source))],
            [.. final.Gaps.Select(g => new ScheduleGapResponse(g.Start, g.End))]);
    }

    // One person's shifts across every schedule, by start: for their feed and "my shifts".
    public async Task<List<(string Schedule, ScheduleShiftResponse Shift)>> ShiftsOfAsync(Guid userId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var mine = new List<(string Schedule, ScheduleShiftResponse Shift)>();
        foreach (var schedule in await AllAsync(null, cancellationToken))
        {
            var shifts = await ShiftsAsync(schedule, from, to, cancellationToken);
            mine.AddRange(shifts.Shifts.Where(s => s.Person.Id == userId).Select(s => (schedule.Name, s)));
        }
        return [.. mine.OrderBy(m => m.Shift.Start)];
    }
}
