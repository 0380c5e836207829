using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

public static class ScheduleEndpoints
{
    public static async Task<Results<Ok<Page<ScheduleResponse>>, ValidationProblem>> List(
        ScheduleCatalog catalog, string? team, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await catalog.ListAsync(team, after, take, cancellationToken));
    }

    public static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> Get(string name, ScheduleCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        ETags.Set(response, schedule.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(schedule, cancellationToken));
    }

    public static async Task<Results<Created<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> Create(
        ScheduleRequest request, ScheduleCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var spec = ScheduleValidator.Validate(request, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.ScheduleRefusalAsync(db, user, null, spec.Team, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var schedule = await catalog.CreateAsync(spec, ManagedBy.Api, cancellationToken);
        ETags.Set(response, schedule.Revision);
        return TypedResults.Created($"/api/v1/schedules/{schedule.Name}", await catalog.ToResponseAsync(schedule, cancellationToken));
    }

    public static async Task<Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, ScheduleRequest request, ScheduleCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        if (!ETags.Matches(http, schedule.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(schedule.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); schedules are not renamed.");
        }
        var spec = ScheduleValidator.Validate(request with { Name = name }, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.ScheduleRefusalAsync(db, user, schedule.Team!.Name, spec.Team, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.UpdateAsync(schedule, spec, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, schedule.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(schedule, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, ScheduleCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var schedule = await catalog.FindAsync(name, cancellationToken);
        if (schedule is null)
        {
            return Problems.NotFound("Schedule", name);
        }
        if (!ETags.Matches(http, schedule.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(schedule.Revision));
        }
        if (await access.ScheduleRefusalAsync(db, user, schedule.Team!.Name, null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.DeleteAsync(schedule, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }
}
