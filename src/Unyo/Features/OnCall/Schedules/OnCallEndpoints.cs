using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// Who is on call: at an instant, over a stretch, and everyone now; and the overrides that change it.
public static class OnCallEndpoints
{
    // `GET /api/v1/schedules/{name}/oncall?at=`: now unless `at` names an instant.
    public static async Task<Results<Ok<OnCallResponse>, ValidationProblem, ProblemHttpResult>> At(string name, string? at, ScheduleCatalog catalog, CancellationToken cancellationToken)
    {
        var instant = at is null ? catalog.Now : ScheduleFormats.ParseInstant(at);
        if (instant is null)
        {
            return Problems.Validation("at", $"'{at}' is not an RFC 3339 instant with Z or an offset, such as 2026-03-01T09:00:00+09:00.");
        }
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        return TypedResults.Ok(await catalog.OnCallAsync(schedule, instant.Value, cancellationToken));
    }

    // `GET /api/v1/schedules/{name}/shifts?from=&to=`: the final schedule, by default the next 14 days.
    public static async Task<Results<Ok<ScheduleShiftsResponse>, ValidationProblem, ProblemHttpResult>> Shifts(string name, string? from, string? to, ScheduleCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var start = from is null ? catalog.Now : ScheduleFormats.ParseInstant(from);
        var end = to is null ? start + ScheduleCatalog.GapHorizon : ScheduleFormats.ParseInstant(to);
        if (start is null)
        {
            errors.Add("from", $"'{from}' is not an RFC 3339 instant with Z or an offset.");
        }
        if (end is null)
        {
            errors.Add("to", $"'{to}' is not an RFC 3339 instant with Z or an offset.");
        }
        else if (start is { } s && end <= s)
        {
            errors.Add("to", "must be after from.");
        }
        else if (start is { } f && end - f > ScheduleCatalog.MaxSpan)
        {
            errors.Add("to", $"at most {ScheduleCatalog.MaxSpan.TotalDays:0} days after from per call; page through longer stretches.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        return TypedResults.Ok(await catalog.ShiftsAsync(schedule, start!.Value, end!.Value, cancellationToken));
    }

    // `GET /api/v1/oncall?team=`: everyone on call now, schedule by schedule (gaps included, with no person).
    public static async Task<Ok<List<OnCallResponse>>> Now(string? team, ScheduleCatalog catalog, CancellationToken cancellationToken)
    {
        var now = catalog.Now;
        var answers = new List<OnCallResponse>();
        foreach (var schedule in await catalog.AllAsync(team, cancellationToken))
        {
            answers.Add(await catalog.OnCallAsync(schedule, now, cancellationToken));
        }
        return TypedResults.Ok(answers);
    }

    public static async Task<Results<Created<ScheduleOverrideResponse>, ProblemHttpResult>> AddOverride(
        string name, ScheduleOverrideRequest request, ScheduleCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        if (await access.ScheduleRefusalAsync(db, user, schedule.Team!.Name, null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var created = await catalog.AddOverrideAsync(schedule, request, user, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.Created($"/api/v1/schedules/{name}/overrides/{created.Id}", created);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveOverride(
        string name, Guid id, ScheduleCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        if (await access.ScheduleRefusalAsync(db, user, schedule.Team!.Name, null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        return await catalog.RemoveOverrideAsync(schedule, id, ManagedBy.Api.ToName(), cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound("Override", id.ToString());
    }
}
