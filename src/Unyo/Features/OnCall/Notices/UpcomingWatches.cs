using Unyo.Features.OnCall.Schedules;

namespace Unyo.Features.OnCall.Notices;

// Every schedule's watches that overlap a window, from the final schedule (layers and overrides).
// A watch cut by the window's start is marked by a Start equal to it: callers that want only
// watches that begin inside the window ask for Start > from.
public sealed class UpcomingWatches(ScheduleCatalog catalog)
{
    public async Task<List<Watch>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var watches = new List<Watch>();
        foreach (var schedule in await catalog.AllAsync(null, cancellationToken))
        {
            var final = await catalog.FinalAsync(schedule, from, to, cancellationToken);
            watches.AddRange(Join(schedule, final.Shifts));
        }
        return watches;
    }

    public static IEnumerable<Watch> Join(Schedule schedule, IReadOnlyList<FinalShift> shifts)
    {
        Watch? open = null;
        foreach (var shift in shifts)
        {
            if (open is not null && open.End == shift.Start && open.UserId == shift.UserId)
            {
                open = open with { End = shift.End };
                continue;
            }
            if (open is not null)
            {
                yield return open;
            }
            open = new Watch(schedule.Id, schedule.Name, schedule.TimeZone, shift.UserId, shift.Start, shift.End);
        }
        if (open is not null)
        {
            yield return open;
        }
    }
}
