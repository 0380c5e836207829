using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// Overrides: someone takes over for a while. They never overlap within one schedule, so the
// final schedule never has to choose between two of them.
public sealed partial class ScheduleCatalog
{
    public static readonly TimeSpan MaxOverride = TimeSpan.FromDays(93);

    public async Task<List<ScheduleOverrideResponse>> OverridesAsync(Schedule schedule, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await db.ScheduleOverrides.AsNoTracking()
            .Where(o => o.ScheduleId == schedule.Id && o.EndsAt > from && o.StartsAt < to)
            .OrderBy(o => o.StartsAt).ToListAsync(cancellationToken);
        var people = await PeopleAsync(rows.Select(o => o.UserId), cancellationToken);
        return [.. rows.Select(o => new ScheduleOverrideResponse(o.Id, Person(people, o.UserId), o.StartsAt, o.EndsAt, o.Reason, o.CreatedBy, o.CreatedAt))];
    }

    public async Task<ScheduleOverrideResponse> AddOverrideAsync(Schedule schedule, ScheduleOverrideRequest request, ClaimsPrincipal by, string source, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var now = time.GetUtcNow();
        var email = request.User?.Trim().ToLowerInvariant();
        var user = string.IsNullOrEmpty(email) ? null : await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (string.IsNullOrEmpty(email))
        {
            errors.Add("user", "is required: the email of who takes over.");
        }
        else if (user is null)
        {
            errors.Add("user", $"there is no user '{email}'.");
        }
        else if (user.Disabled)
        {
            errors.Add("user", $"user '{email}' is disabled and cannot be paged.");
        }
        var start = Instant(request.Start, "start", errors);
        var end = Instant(request.End, "end", errors);
        if (start is { } s && end is { } e)
        {
            if (e <= s)
            {
                errors.Add("end", "must be after start.");
            }
            else if (e - s > MaxOverride)
            {
                errors.Add("end", $"an override lasts at most {MaxOverride.TotalDays:0} days; for longer, change the layers.");
            }
            else if (e <= now)
            {
                errors.Add("end", "is in the past: an override that is over changes nothing.");
            }
        }
        if (request.Reason is { Length: > 500 })
        {
            errors.Add("reason", "must be at most 500 characters.");
        }
        if (errors.IsEmpty)
        {
            await CheckOverlapAsync(schedule, start!.Value, end!.Value, "start", errors, cancellationToken);
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        var response = StageOverride(schedule, user!, start!.Value, end!.Value, request.Reason, CreatedBy(by), source);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("start", $"another override of schedule '{schedule.Name}' was made while this request ran; read the schedule again and retry."), StatusCodes.Status409Conflict, "The schedule's overrides changed.");
        }
        return response;
    }

    public static string CreatedBy(ClaimsPrincipal by) => by.FindFirstValue(ClaimTypes.Email) ?? by.Identity?.Name ?? "unknown";

    // The overlap rule, with the error under `field`: overrides of one schedule never overlap.
    public async Task CheckOverlapAsync(Schedule schedule, DateTimeOffset start, DateTimeOffset end, string field, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (await db.ScheduleOverrides.AsNoTracking()
                .Where(o => o.ScheduleId == schedule.Id && o.EndsAt > start && o.StartsAt < end)
                .OrderBy(o => o.StartsAt).Select(o => new { o.StartsAt, o.EndsAt, o.User!.Email })
                .FirstOrDefaultAsync(cancellationToken) is { } clash)
        {
            errors.Add(field, $"overlaps the override of {clash.Email} from {ScheduleFormats.Instant(clash.StartsAt)} to {ScheduleFormats.Instant(clash.EndsAt)}; change or delete that one first.");
        }
    }

    // Adds a checked override and its audit record to the next save, and moves the schedule's
    // stamp so that a save racing another override of the schedule fails instead of overlapping.
    // The schedule must be tracked (FindAsync's is).
    public ScheduleOverrideResponse StageOverride(Schedule schedule, Accounts.User user, DateTimeOffset start, DateTimeOffset end, string? reason, string createdBy, string source)
    {
        var stored = time.StoredNow();
        var entry = new ScheduleOverride
        {
            Id = Guid.CreateVersion7(stored), ScheduleId = schedule.Id, UserId = user.Id, StartsAt = start, EndsAt = end,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), CreatedBy = createdBy, CreatedAt = stored,
        };
        db.ScheduleOverrides.Add(entry);
        schedule.OverrideStamp++;
        var response = new ScheduleOverrideResponse(entry.Id, new OnCallPersonResponse(user.Id, user.Email, user.DisplayName), entry.StartsAt, entry.EndsAt, entry.Reason, entry.CreatedBy, entry.CreatedAt);
        audit.Record("schedule.override.create", ScheduleSpec.KindName, schedule.Name, null, response, source);
        return response;
    }

    public async Task<bool> RemoveOverrideAsync(Schedule schedule, Guid id, string source, CancellationToken cancellationToken)
    {
        var entry = await db.ScheduleOverrides.Include(o => o.User).SingleOrDefaultAsync(o => o.Id == id && o.ScheduleId == schedule.Id, cancellationToken);
        if (entry is null)
        {
            return false;
        }
        audit.Record("schedule.override.delete", ScheduleSpec.KindName, schedule.Name,
            new { id = entry.Id, user = entry.User!.Email, start = entry.StartsAt, end = entry.EndsAt, reason = entry.Reason }, null, source);
        db.ScheduleOverrides.Remove(entry);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    internal static DateTimeOffset? Instant(string? text, string field, ValidationErrors errors)
    {
        var at = ScheduleFormats.ParseInstant(text);
        if (at is null)
        {
            errors.Add(field, string.IsNullOrWhiteSpace(text) ? "is required: an RFC 3339 instant such as 2026-03-01T09:00:00Z." : $"'{text}' is not an RFC 3339 instant with Z or an offset, such as 2026-03-01T09:00:00+09:00.");
        }
        return at;
    }
}
