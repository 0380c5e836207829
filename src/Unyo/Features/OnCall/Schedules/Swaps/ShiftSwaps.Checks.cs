using Microsoft.EntityFrameworkCore;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules.Swaps;

// The rules a request and an accept share: what a stretch may be, and whose it is.
public sealed partial class ShiftSwaps
{
    private static (DateTimeOffset? Start, DateTimeOffset? End) Stretch(string? startText, string? endText, string startField, string endField, DateTimeOffset now, ValidationErrors errors)
    {
        var start = ScheduleCatalog.Instant(startText, startField, errors);
        var end = ScheduleCatalog.Instant(endText, endField, errors);
        if (start is not { } s || end is not { } e)
        {
            return (start, end);
        }
        if (e <= s)
        {
            errors.Add(endField, "must be after start.");
        }
        else if (e - s > ScheduleCatalog.MaxOverride)
        {
            errors.Add(endField, $"a swap covers at most {ScheduleCatalog.MaxOverride.TotalDays:0} days, as an override does.");
        }
        else if (s <= now)
        {
            errors.Add(startField, "has begun: a swap is for a stretch that has not started yet; for cover now, add an override.");
        }
        return (start, end);
    }

    // Adds an error under `field` unless `userId` is on call for all of [start, end) in the final
    // schedule (layers and overrides as they are now); it names the first instant they are not.
    private async Task CheckOnCallAsync(Schedule schedule, Guid userId, string whom, DateTimeOffset start, DateTimeOffset end, string field, string why, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var final = await catalog.FinalAsync(schedule, start, end, cancellationToken);
        var at = start;
        Guid? other = null;
        foreach (var shift in final.Shifts)
        {
            if (shift.Start > at || shift.UserId != userId)
            {
                other = shift.Start > at ? null : shift.UserId;
                break;
            }
            at = shift.End;
        }
        if (at >= end)
        {
            return;
        }
        var who = other is { } id ? ScheduleCatalog.Person(await catalog.PeopleAsync([id], cancellationToken), id).Email : "nobody";
        errors.Add(field, $"from {ScheduleFormats.Instant(at)} {who} is on call, not {whom}: {why}.");
    }

    private async Task<Accounts.User> UserAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Users.SingleAsync(u => u.Id == id, cancellationToken);
}
