using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules.Swaps;

// Accept, decline, cancel: each closes a pending request once. Accepting writes its overrides in
// the same save as the status, or nothing at all.
public sealed partial class ShiftSwaps
{
    public enum Answer
    {
        Accept,
        Decline,
        Cancel,
    }

    // Null when `user` may give this answer; otherwise why not. The person asked accepts or
    // declines; the requester cancels, and admins may cancel any request.
    public async Task<string?> RefusalAsync(ShiftSwap swap, ClaimsPrincipal user, Answer answer, CancellationToken cancellationToken)
    {
        var me = user.UserId();
        if (answer == Answer.Cancel ? me == swap.RequesterId || user.IsAdmin() : me == swap.AskedId)
        {
            return null;
        }
        var email = (await UserAsync(answer == Answer.Cancel ? swap.RequesterId : swap.AskedId, cancellationToken)).Email;
        return answer == Answer.Cancel
            ? $"Only {email}, who asked, or an admin can cancel this request."
            : $"Only {email}, who was asked, can {answer.ToString().ToLowerInvariant()} this request.";
    }

    // The schedule must be tracked (ScheduleCatalog.FindAsync's is): its override stamp moves.
    public async Task<ShiftSwapResponse> AcceptAsync(Schedule schedule, ShiftSwap swap, ClaimsPrincipal by, string source, CancellationToken cancellationToken)
    {
        var before = await ResponseAsync(swap, schedule.Name, cancellationToken);
        var errors = Pending(swap, Answer.Accept);
        var requester = await UserAsync(swap.RequesterId, cancellationToken);
        var asked = await UserAsync(swap.AskedId, cancellationToken);
        if (errors.IsEmpty)
        {
            var why = "the schedule changed since the request, so the swap no longer fits; nothing was changed";
            await CheckOnCallAsync(schedule, requester.Id, requester.Email, swap.StartsAt, swap.EndsAt, "start", why, errors, cancellationToken);
            await catalog.CheckOverlapAsync(schedule, swap.StartsAt, swap.EndsAt, "start", errors, cancellationToken);
            if (swap.ReturnStartsAt is { } returnStart && swap.ReturnEndsAt is { } returnEnd)
            {
                if (requester.Disabled)
                {
                    errors.Add("requester", $"user '{requester.Email}' is disabled and cannot take the stretch in return.");
                }
                await CheckOnCallAsync(schedule, asked.Id, asked.Email, returnStart, returnEnd, "returnStart", why, errors, cancellationToken);
                await catalog.CheckOverlapAsync(schedule, returnStart, returnEnd, "returnStart", errors, cancellationToken);
            }
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors, StatusCodes.Status409Conflict, "The swap cannot be made.");
        }
        var madeBy = ScheduleCatalog.CreatedBy(by);
        swap.OverrideId = catalog.StageOverride(schedule, asked, swap.StartsAt, swap.EndsAt, $"Shift swap: covers {requester.Email}", madeBy, source).Id;
        if (swap.ReturnStartsAt is { } start && swap.ReturnEndsAt is { } end)
        {
            swap.ReturnOverrideId = catalog.StageOverride(schedule, requester, start, end, $"Shift swap: trade with {asked.Email}", madeBy, source).Id;
        }
        return await CloseAsync(schedule, swap, before, ShiftSwapStatus.Accepted, by, source, cancellationToken);
    }

    public async Task<ShiftSwapResponse> DeclineAsync(Schedule schedule, ShiftSwap swap, ClaimsPrincipal by, string source, CancellationToken cancellationToken) =>
        await CloseAsync(schedule, swap, await CheckedPendingAsync(schedule, swap, Answer.Decline, cancellationToken), ShiftSwapStatus.Declined, by, source, cancellationToken);

    public async Task<ShiftSwapResponse> CancelAsync(Schedule schedule, ShiftSwap swap, ClaimsPrincipal by, string source, CancellationToken cancellationToken) =>
        await CloseAsync(schedule, swap, await CheckedPendingAsync(schedule, swap, Answer.Cancel, cancellationToken), ShiftSwapStatus.Cancelled, by, source, cancellationToken);

    private async Task<ShiftSwapResponse> CheckedPendingAsync(Schedule schedule, ShiftSwap swap, Answer answer, CancellationToken cancellationToken)
    {
        var errors = Pending(swap, answer);
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors, StatusCodes.Status409Conflict, "The request is closed.");
        }
        return await ResponseAsync(swap, schedule.Name, cancellationToken);
    }

    private ValidationErrors Pending(ShiftSwap swap, Answer answer)
    {
        var errors = new ValidationErrors();
        var verb = answer switch { Answer.Accept => "accepted", Answer.Decline => "declined", _ => "cancelled" };
        switch (StatusOf(swap))
        {
            case ShiftSwapStatus.Pending:
                break;
            case ShiftSwapStatus.Expired:
                errors.Add("status", $"the request expired at {ScheduleFormats.Instant(swap.ExpiresAt)}, when its stretch began; it can no longer be {verb}.");
                break;
            case var closed:
                errors.Add("status", $"the request was {closed.ToString().ToLowerInvariant()} at {ScheduleFormats.Instant(swap.ClosedAt!.Value)} by {swap.ClosedBy}; only a pending request can be {verb}.");
                break;
        }
        return errors;
    }

    private async Task<ShiftSwapResponse> CloseAsync(Schedule schedule, ShiftSwap swap, ShiftSwapResponse before, ShiftSwapStatus status, ClaimsPrincipal by, string source, CancellationToken cancellationToken)
    {
        var action = status switch
        {
            ShiftSwapStatus.Accepted => "schedule.swap.accept",
            ShiftSwapStatus.Declined => "schedule.swap.decline",
            _ => "schedule.swap.cancel",
        };
        swap.Status = status;
        swap.ClosedAt = time.StoredNow();
        swap.ClosedBy = ScheduleCatalog.CreatedBy(by);
        swap.Revision++;
        var after = await ResponseAsync(swap, schedule.Name, cancellationToken);
        audit.Record(action, ScheduleSpec.KindName, schedule.Name, before, after, source);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(
                new ValidationErrors().Add("status", "the request was answered or cancelled, or the schedule's overrides changed, while this request ran; read it again."),
                StatusCodes.Status409Conflict, "The request changed.");
        }
        return after;
    }

    private async Task<ShiftSwapResponse> ResponseAsync(ShiftSwap swap, string schedule, CancellationToken cancellationToken) =>
        (await ToResponsesAsync([(swap, schedule)], cancellationToken))[0];
}
