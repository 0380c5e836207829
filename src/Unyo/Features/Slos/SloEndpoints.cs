using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Hosting;

namespace Unyo.Features.Slos;

public static class SloEndpoints
{
    public static async Task<Results<Ok<Page<SloResponse>>, ValidationProblem>> List(
        SloCatalog catalog, string? service, string? team, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await catalog.ListAsync(service, team, after, take, cancellationToken));
    }

    public static async Task<Results<Ok<SloResponse>, ProblemHttpResult>> Get(string name, SloCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        var slo = await catalog.GetAsync(name, cancellationToken);
        if (slo is null)
        {
            return Problems.NotFound("SLO", name);
        }
        ETags.Set(response, slo.Revision);
        return TypedResults.Ok(slo);
    }

    public static async Task<Results<Created<SloResponse>, ValidationProblem, ProblemHttpResult>> Create(
        SloRequest request, SloCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var spec = SloValidator.Validate(request, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.ForServiceAsync(db, user, spec.Service, cancellationToken) is { Allowed: false } owner)
        {
            return Problems.Forbidden($"Only members of team '{owner.Team}' (or admins) can add SLOs to service '{spec.Service}'.");
        }
        var slo = await catalog.CreateAsync(spec, ManagedBy.Api, cancellationToken);
        ETags.Set(response, slo.Revision);
        return TypedResults.Created($"/api/v1/slos/{slo.Name}", SloCatalog.ToResponse(slo));
    }

    public static async Task<Results<Ok<SloResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, SloRequest request, SloCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var slo = await catalog.FindAsync(name, cancellationToken);
        if (slo is null)
        {
            return Problems.NotFound("SLO", name);
        }
        if (!ETags.Matches(http, slo.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(slo.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); SLOs are not renamed.");
        }
        var spec = SloValidator.Validate(request with { Name = name }, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (!await access.CanChangeAsync(user, slo.Service!.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{slo.Service.Team!.Name}' (or admins) can change this SLO.");
        }
        if (await access.ForServiceAsync(db, user, spec.Service, cancellationToken) is { Allowed: false } owner)
        {
            return Problems.Forbidden($"Only members of team '{owner.Team}' (or admins) can give service '{spec.Service}' an SLO.");
        }
        await catalog.UpdateAsync(slo, spec, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, slo.Revision);
        return TypedResults.Ok(SloCatalog.ToResponse(slo));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, SloCatalog catalog, TeamAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var slo = await catalog.FindAsync(name, cancellationToken);
        if (slo is null)
        {
            return Problems.NotFound("SLO", name);
        }
        if (!ETags.Matches(http, slo.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(slo.Revision));
        }
        if (!await access.CanChangeAsync(user, slo.Service!.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{slo.Service.Team!.Name}' (or admins) can delete this SLO.");
        }
        await catalog.DeleteAsync(slo, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }
}
