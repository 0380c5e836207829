using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules.Swaps;

// Shift swaps: someone on call asks another person to take a stretch of their shift, perhaps
// taking a stretch of the other's in return. Only the final schedule says whose a stretch is,
// so that is what a request and an accept are checked against.
public sealed partial class ShiftSwaps(UnyoDb db, TimeProvider time, AuditLog audit, ScheduleCatalog catalog)
{
    // Lists show the newest requests; older ones stay in the database and the audit log.
    public const int ListLimit = 200;

    public static readonly IReadOnlyList<string> Statuses = [.. Enum.GetValues<ShiftSwapStatus>().Select(s => s.ToString().ToLowerInvariant())];

    public async Task<ShiftSwapResponse> RequestAsync(Schedule schedule, ShiftSwapRequest request, ClaimsPrincipal by, string source, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var now = time.GetUtcNow();
        var requesterId = by.UserId();
        var email = request.User?.Trim().ToLowerInvariant();
        var asked = string.IsNullOrEmpty(email) ? null : await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (string.IsNullOrEmpty(email))
        {
            errors.Add("user", "is required: the email of the person you ask to take your stretch.");
        }
        else if (asked is null)
        {
            errors.Add("user", $"there is no user '{email}'.");
        }
        else if (asked.Disabled)
        {
            errors.Add("user", $"user '{email}' is disabled and cannot be paged.");
        }
        else if (asked.Id == requesterId)
        {
            errors.Add("user", "is you: ask someone else to take your stretch.");
        }
        else if (asked.Role == Accounts.OrgRole.Viewer)
        {
            errors.Add("user", $"user '{email}' is a viewer and cannot answer a swap (answering makes overrides); ask a member, or have an admin add an override.");
        }
        var (start, end) = Stretch(request.Start, request.End, "start", "end", now, errors);
        (DateTimeOffset Start, DateTimeOffset End)? back = null;
        if (request.ReturnStart is not null || request.ReturnEnd is not null)
        {
            var (returnStart, returnEnd) = Stretch(request.ReturnStart, request.ReturnEnd, "returnStart", "returnEnd", now, errors);
            back = returnStart is { } rs && returnEnd is { } re ? (rs, re) : null;
        }
        if (request.Note is { Length: > 500 })
        {
            errors.Add("note", "must be at most 500 characters.");
        }
        if (errors.IsEmpty)
        {
            await CheckOnCallAsync(schedule, requesterId, "you", start!.Value, end!.Value, "start", "only your own shifts can be offered", errors, cancellationToken);
            if (back is { } trade)
            {
                await CheckOnCallAsync(schedule, asked!.Id, asked.Email, trade.Start, trade.End, "returnStart", "in a trade you take a stretch of their shift", errors, cancellationToken);
            }
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        var stored = time.StoredNow();
        var swap = new ShiftSwap
        {
            Id = Guid.CreateVersion7(stored), ScheduleId = schedule.Id, RequesterId = requesterId, AskedId = asked!.Id,
            StartsAt = start!.Value, EndsAt = end!.Value, ReturnStartsAt = back?.Start, ReturnEndsAt = back?.End,
            ExpiresAt = back is { } b && b.Start < start.Value ? b.Start : start.Value,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            Status = ShiftSwapStatus.Pending, CreatedAt = stored,
        };
        db.ShiftSwaps.Add(swap);
        var response = (await ToResponsesAsync([(swap, schedule.Name)], cancellationToken))[0];
        audit.Record("schedule.swap.request", ScheduleSpec.KindName, schedule.Name, null, response, source);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }

    public Task<ShiftSwap?> FindAsync(Schedule schedule, Guid id, CancellationToken cancellationToken) =>
        db.ShiftSwaps.SingleOrDefaultAsync(s => s.Id == id && s.ScheduleId == schedule.Id, cancellationToken);

    // A schedule's requests, newest first; `status` must be one of Statuses (or null for all).
    public async Task<List<ShiftSwapResponse>> ListAsync(Schedule schedule, string? status, CancellationToken cancellationToken)
    {
        var rows = await Filter(db.ShiftSwaps.AsNoTracking().Where(s => s.ScheduleId == schedule.Id), status)
            .OrderByDescending(s => s.CreatedAt).Take(ListLimit).ToListAsync(cancellationToken);
        return await ToResponsesAsync([.. rows.Select(r => (r, schedule.Name))], cancellationToken);
    }

    public async Task<MySwapsResponse> MineAsync(Guid userId, string? status, CancellationToken cancellationToken)
    {
        var rows = await Filter(db.ShiftSwaps.AsNoTracking().Where(s => s.AskedId == userId || s.RequesterId == userId), status)
            .OrderByDescending(s => s.CreatedAt).Take(ListLimit)
            .Select(s => new { Swap = s, Schedule = s.Schedule!.Name }).ToListAsync(cancellationToken);
        var all = await ToResponsesAsync([.. rows.Select(r => (r.Swap, r.Schedule))], cancellationToken);
        return new MySwapsResponse([.. all.Where(s => s.Asked.Id == userId)], [.. all.Where(s => s.Requester.Id == userId)]);
    }

    private IQueryable<ShiftSwap> Filter(IQueryable<ShiftSwap> query, string? status)
    {
        var now = time.GetUtcNow();
        var stored = status is null ? default : Enum.Parse<ShiftSwapStatus>(status, ignoreCase: true);
        return status switch
        {
            null => query,
            "pending" => query.Where(s => s.Status == ShiftSwapStatus.Pending && s.ExpiresAt > now),
            "expired" => query.Where(s => s.Status == ShiftSwapStatus.Pending && s.ExpiresAt <= now),
            _ => query.Where(s => s.Status == stored),
        };
    }

    // What a pending request is now: expired once its first stretch has begun.
    public ShiftSwapStatus StatusOf(ShiftSwap swap) =>
        swap.Status == ShiftSwapStatus.Pending && swap.ExpiresAt <= time.GetUtcNow() ? ShiftSwapStatus.Expired : swap.Status;

    private async Task<List<ShiftSwapResponse>> ToResponsesAsync(IReadOnlyList<(ShiftSwap Swap, string Schedule)> rows, CancellationToken cancellationToken)
    {
        var people = await catalog.PeopleAsync(rows.SelectMany(r => new[] { r.Swap.RequesterId, r.Swap.AskedId }), cancellationToken);
        return [.. rows.Select(r => ToResponse(r.Swap, r.Schedule, people))];
    }

    private ShiftSwapResponse ToResponse(ShiftSwap s, string schedule, IReadOnlyDictionary<Guid, OnCallPersonResponse> people)
    {
        var status = StatusOf(s);
        return new ShiftSwapResponse(
            s.Id, schedule, s.ReturnStartsAt is null ? "cover" : "trade",
            ScheduleCatalog.Person(people, s.RequesterId), ScheduleCatalog.Person(people, s.AskedId),
            s.StartsAt, s.EndsAt, s.ReturnStartsAt, s.ReturnEndsAt, s.Note, status.ToString().ToLowerInvariant(),
            s.CreatedAt, s.ExpiresAt, status == ShiftSwapStatus.Expired ? s.ExpiresAt : s.ClosedAt, s.ClosedBy,
            [.. new[] { s.OverrideId, s.ReturnOverrideId }.OfType<Guid>()]);
    }
}
