using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Silences;

public static class SilenceEndpoints
{
    public static async Task<Results<Ok<Page<SilenceResponse>>, ValidationProblem>> List(
        SilenceCatalog catalog, string? state, string? team, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        SilenceState? wanted = null;
        if (state is not null)
        {
            if (Enum.TryParse<SilenceState>(state, ignoreCase: true, out var parsed) && !int.TryParse(state, out _))
            {
                wanted = parsed;
            }
            else
            {
                errors.Add("state", $"'{state}' is not a state: use active, pending or expired.");
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await catalog.ListAsync(wanted, team, after, take, cancellationToken));
    }

    public static async Task<Results<Ok<SilenceResponse>, ProblemHttpResult>> Get(string name, SilenceCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } silence)
        {
            return Problems.NotFound("Silence", name);
        }
        ETags.Set(response, silence.Revision);
        return TypedResults.Ok(catalog.ToResponse(silence));
    }

    public static async Task<Results<Created<SilenceResponse>, ValidationProblem, ProblemHttpResult>> Create(
        SilenceRequest request, SilenceCatalog catalog, SilenceAccess access, TimeProvider time, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var spec = SilenceValidator.Validate(request with { Name = request.Name ?? SilenceValidator.NewName(time) }, time.GetUtcNow(), endMustBeAhead: true, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.RefusalAsync(user, existed: false, null, spec, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await access.CheckScopeAsync(user, spec, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var silence = await catalog.CreateAsync(spec, ManagedBy.Api, SilenceCatalog.Actor(user), cancellationToken);
        ETags.Set(response, silence.Revision);
        return TypedResults.Created($"/api/v1/silences/{silence.Name}", catalog.ToResponse(silence));
    }

    public static async Task<Results<Ok<SilenceResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, SilenceRequest request, SilenceCatalog catalog, SilenceAccess access, TimeProvider time, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } silence)
        {
            return Problems.NotFound("Silence", name);
        }
        if (!ETags.Matches(http, silence.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(silence.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); silences are not renamed.");
        }
        var spec = SilenceValidator.Validate(request with { Name = name }, time.GetUtcNow(), endMustBeAhead: true, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.RefusalAsync(user, existed: true, silence.Team?.Name, spec, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        if (silence.EffectiveEnd <= time.GetUtcNow())
        {
            return Problems.Conflict($"Silence '{name}' has ended; make a new one instead of bringing this one back.");
        }
        await access.CheckScopeAsync(user, spec, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        await catalog.UpdateAsync(silence, spec, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, silence.Revision);
        return TypedResults.Ok(catalog.ToResponse(silence));
    }

    // `POST /api/v1/silences/{name}/expire`: ends it now, the normal way to lift a silence.
    public static async Task<Results<Ok<SilenceResponse>, ProblemHttpResult>> Expire(
        string name, SilenceCatalog catalog, SilenceAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } silence)
        {
            return Problems.NotFound("Silence", name);
        }
        if (!ETags.Matches(http, silence.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(silence.Revision));
        }
        if (await access.RefusalAsync(user, existed: true, silence.Team?.Name, null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.ExpireAsync(silence, SilenceCatalog.Actor(user), ManagedBy.Api.ToName(), cancellationToken);
        ETags.Set(http.HttpContext.Response, silence.Revision);
        return TypedResults.Ok(catalog.ToResponse(silence));
    }

    // Admins only (the route's policy): silences are expired, which keeps the record; deleting is
    // for mistakes, and `unyo apply --prune` deletes the ones a file no longer holds.
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string name, SilenceCatalog catalog, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } silence)
        {
            return Problems.NotFound("Silence", name);
        }
        if (!ETags.Matches(http, silence.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(silence.Revision));
        }
        await catalog.DeleteAsync(silence, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }
}
