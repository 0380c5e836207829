using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules.Swaps;

// `/api/v1/schedules/{name}/swaps` and `/api/v1/me/swaps`. Who may act is a question of the
// request (whose shift, who was asked), not of the schedule's team, so the handlers decide it.
public static class SwapEndpoints
{
    public static async Task<Results<Created<ShiftSwapResponse>, ProblemHttpResult>> Request(
        string name, ShiftSwapRequest request, ShiftSwaps swaps, ScheduleCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        var created = await swaps.RequestAsync(schedule, request, user, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.Created($"/api/v1/schedules/{name}/swaps/{created.Id}", created);
    }

    // `?status=pending|accepted|declined|cancelled|expired`; all by default, newest first.
    public static async Task<Results<Ok<List<ShiftSwapResponse>>, ValidationProblem, ProblemHttpResult>> List(
        string name, string? status, ShiftSwaps swaps, ScheduleCatalog catalog, CancellationToken cancellationToken)
    {
        if (Status(status) is { } bad)
        {
            return bad;
        }
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        return TypedResults.Ok(await swaps.ListAsync(schedule, status?.ToLowerInvariant(), cancellationToken));
    }

    public static async Task<Results<Ok<MySwapsResponse>, ValidationProblem>> Mine(string? status, ShiftSwaps swaps, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Status(status) is { } bad)
        {
            return bad;
        }
        return TypedResults.Ok(await swaps.MineAsync(user.UserId(), status?.ToLowerInvariant(), cancellationToken));
    }

    public static Task<Results<Ok<ShiftSwapResponse>, ProblemHttpResult>> Accept(string name, Guid id, ShiftSwaps swaps, ScheduleCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AnswerAsync(name, id, ShiftSwaps.Answer.Accept, swaps, catalog, user, cancellationToken);

    public static Task<Results<Ok<ShiftSwapResponse>, ProblemHttpResult>> Decline(string name, Guid id, ShiftSwaps swaps, ScheduleCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AnswerAsync(name, id, ShiftSwaps.Answer.Decline, swaps, catalog, user, cancellationToken);

    public static Task<Results<Ok<ShiftSwapResponse>, ProblemHttpResult>> Cancel(string name, Guid id, ShiftSwaps swaps, ScheduleCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        AnswerAsync(name, id, ShiftSwaps.Answer.Cancel, swaps, catalog, user, cancellationToken);

    private static async Task<Results<Ok<ShiftSwapResponse>, ProblemHttpResult>> AnswerAsync(
        string name, Guid id, ShiftSwaps.Answer answer, ShiftSwaps swaps, ScheduleCatalog catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        var swap = await swaps.FindAsync(schedule, id, cancellationToken);
        if (swap is null)
        {
            return Problems.NotFound("Swap request", id.ToString());
        }
        if (await swaps.RefusalAsync(swap, user, answer, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var source = ManagedBy.Api.ToName();
        return TypedResults.Ok(answer switch
        {
            ShiftSwaps.Answer.Accept => await swaps.AcceptAsync(schedule, swap, user, source, cancellationToken),
            ShiftSwaps.Answer.Decline => await swaps.DeclineAsync(schedule, swap, user, source, cancellationToken),
            _ => await swaps.CancelAsync(schedule, swap, user, source, cancellationToken),
        });
    }

    private static ValidationProblem? Status(string? status) =>
        status is null || ShiftSwaps.Statuses.Contains(status.ToLowerInvariant())
            ? null
            : Problems.Validation("status", $"'{status}' is not a status: use {string.Join(", ", ShiftSwaps.Statuses)}.");
}
