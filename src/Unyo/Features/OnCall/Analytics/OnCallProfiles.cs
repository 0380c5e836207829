using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Audit;
using Unyo.Features.OnCall.Schedules;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Analytics;

// Reads and writes people's on-call profiles for the API and the account pages alike: one
// validator, one audit action.
public sealed class OnCallProfiles(UnyoDb db, AuditLog audit, TimeProvider time)
{
    // `me` is the caller; anything else an email. Null when there is no such (enabled or not) person.
    public async Task<User?> FindUserAsync(string email, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (string.Equals(email.Trim(), "me", StringComparison.OrdinalIgnoreCase))
        {
            var id = caller.UserId();
            return id == Guid.Empty ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        }
        var address = email.Trim().ToLowerInvariant();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == address, cancellationToken);
    }

    public async Task<OnCallProfileResponse> GetAsync(User user, CancellationToken cancellationToken) =>
        Response(user.Email, await db.OnCallProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == user.Id, cancellationToken));

    // Validates, stores and audits; throws RequestValidationException on bad input, before writing.
    public async Task<OnCallProfileResponse> PutAsync(User user, OnCallProfileRequest request, string source, CancellationToken cancellationToken)
    {
        var hours = Validate(request);
        var existing = await db.OnCallProfiles.SingleOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
        var before = existing is null ? null : Response(user.Email, existing);
        var profile = existing ?? db.OnCallProfiles.Add(new OnCallProfile { UserId = user.Id, TimeZone = "", WorkDays = "" }).Entity;
        (profile.TimeZone, profile.WorkDays, profile.WorkFrom, profile.WorkTo, profile.UpdatedAt) =
            (hours.ZoneName, string.Join(',', hours.DayNames), hours.From, hours.To, time.StoredNow());
        var after = Response(user.Email, profile);
        audit.Record("oncall-profile.update", "User", user.Email, before is null ? null : Audited(before), Audited(after), source);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }

    public static WorkingHours Validate(OnCallProfileRequest request)
    {
        var errors = new ValidationErrors();
        var zone = ScheduleFormats.FindZone(request.TimeZone);
        if (string.IsNullOrWhiteSpace(request.TimeZone))
        {
            errors.Add("timeZone", "is required: an IANA name such as Europe/London or UTC.");
        }
        else if (zone is null)
        {
            errors.Add("timeZone", $"'{request.TimeZone}' is not a time zone this server knows: use an IANA name such as Asia/Tokyo or UTC.");
        }
        var days = new HashSet<DayOfWeek>();
        var given = request.WorkDays ?? [.. WorkingHours.Weekdays.Select(ScheduleFormats.Day)];
        if (given.Count == 0)
        {
            errors.Add("workDays", "needs at least one day (mon … sun).");
        }
        for (var i = 0; i < given.Count; i++)
        {
            if (ScheduleFormats.ParseDay(given[i]) is not { } day)
            {
                errors.Add($"workDays[{i}]", $"'{given[i]}' is not a weekday: use mon, tue, wed, thu, fri, sat or sun.");
            }
            else if (!days.Add(day))
            {
                errors.Add($"workDays[{i}]", $"'{given[i]}' is listed twice.");
            }
        }
        var from = request.WorkFrom is null ? WorkingHours.Default.From : ScheduleFormats.ParseTime(request.WorkFrom);
        var to = request.WorkTo is null ? WorkingHours.Default.To : ScheduleFormats.ParseTime(request.WorkTo);
        if (from is null)
        {
            errors.Add("workFrom", $"'{request.WorkFrom}' is not a time of day HH:mm such as 09:00.");
        }
        if (to is null)
        {
            errors.Add("workTo", $"'{request.WorkTo}' is not a time of day HH:mm such as 17:00.");
        }
        else if (from is { } start && to <= start)
        {
            // Hours across midnight would make "a working day" straddle two weekdays; not supported yet.
            errors.Add("workTo", "must be after workFrom on the same day (working hours that cross midnight are not supported).");
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        return new WorkingHours(zone!, days, from!.Value, to!.Value);
    }

    public static OnCallProfileResponse Response(string email, OnCallProfile? profile)
    {
        var hours = WorkingHours.Of(profile);
        return new OnCallProfileResponse(email, hours.ZoneName, hours.DayNames, ScheduleFormats.Time(hours.From), ScheduleFormats.Time(hours.To), profile is null, profile?.UpdatedAt);
    }

    private static object Audited(OnCallProfileResponse r) => new { r.TimeZone, workDays = string.Join(',', r.WorkDays), r.WorkFrom, r.WorkTo };
}
