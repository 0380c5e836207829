using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// The iCalendar feeds, for people who want their shifts in their own calendar app. They take
// the same credentials as the rest of the API (a session or a read token).
public static class CalendarEndpoints
{
    private const string ContentType = "text/calendar; charset=utf-8";

    // `GET /api/v1/schedules/{name}/calendar.ics`: the final schedule for the next 60 days.
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Schedule(string name, ScheduleCatalog catalog, CancellationToken cancellationToken)
    {
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        var now = catalog.Now;
        var shifts = await catalog.ShiftsAsync(schedule, now, now + ScheduleCalendarFeed.Ahead, cancellationToken);
        return TypedResults.Text(ScheduleCalendarFeed.Write($"On call: {name}", shifts.Shifts.Select(s => (name, s)), now), ContentType);
    }

    // `GET /api/v1/users/{email}/oncall.ics`: one person's shifts across every schedule, next 60 days.
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> User(string email, ScheduleCatalog catalog, UnyoDb db, CancellationToken cancellationToken)
    {
        var address = email.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == address, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("User", email);
        }
        var now = catalog.Now;
        var mine = await catalog.ShiftsOfAsync(user.Id, now, now + ScheduleCalendarFeed.Ahead, cancellationToken);
        return TypedResults.Text(ScheduleCalendarFeed.Write($"On call: {user.DisplayName}", mine, now), ContentType);
    }
}
