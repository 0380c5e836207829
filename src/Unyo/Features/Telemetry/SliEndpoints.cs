using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Hosting;

namespace Unyo.Features.Telemetry;

public static class SliEndpoints
{
    public static async Task<Results<Ok<Page<SliResponse>>, ValidationProblem>> List(
        SliCatalog catalog, string? service, string? team, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await catalog.ListAsync(service, team, after, take, cancellationToken));
    }

    public static async Task<Results<Ok<SliResponse>, ProblemHttpResult>> Get(string name, SliCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        var sli = await catalog.GetAsync(name, cancellationToken);
        if (sli is null)
        {
            return Problems.NotFound("SLI", name);
        }
        ETags.Set(response, sli.Revision);
        return TypedResults.Ok(sli);
    }

    public static async Task<Results<Created<SliResponse>, ValidationProblem, ProblemHttpResult>> Create(
        SliRequest request, SliCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var definition = SliValidator.Validate(request, errors);
        if (definition is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.ForServiceAsync(db, user, definition.Service, cancellationToken) is { Allowed: false } owner)
        {
            return Problems.Forbidden($"Only members of team '{owner.Team}' (or admins) can add SLIs to service '{definition.Service}'.");
        }
        var sli = await catalog.CreateAsync(definition, ManagedBy.Api, cancellationToken);
        ETags.Set(response, sli.Revision);
        return TypedResults.Created($"/api/v1/slis/{sli.Name}", SliCatalog.ToResponse(sli));
    }

    public static async Task<Results<Ok<SliResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, SliRequest request, SliCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var sli = await catalog.FindAsync(name, cancellationToken);
        if (sli is null)
        {
            return Problems.NotFound("SLI", name);
        }
        if (!ETags.Matches(http, sli.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(sli.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); SLIs are not renamed.");
        }
        var definition = SliValidator.Validate(request with { Name = name }, errors);
        if (definition is null)
        {
            return Problems.Validation(errors);
        }
        if (!await access.CanChangeAsync(user, sli.Service!.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{sli.Service.Team!.Name}' (or admins) can change this SLI.");
        }
        if (await access.ForServiceAsync(db, user, definition.Service, cancellationToken) is { Allowed: false } owner)
        {
            return Problems.Forbidden($"Only members of team '{owner.Team}' (or admins) can give service '{definition.Service}' an SLI.");
        }
        await catalog.UpdateAsync(sli, definition, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, sli.Revision);
        return TypedResults.Ok(SliCatalog.ToResponse(sli));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, SliCatalog catalog, TeamAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var sli = await catalog.FindAsync(name, cancellationToken);
        if (sli is null)
        {
            return Problems.NotFound("SLI", name);
        }
        if (!ETags.Matches(http, sli.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(sli.Revision));
        }
        if (!await access.CanChangeAsync(user, sli.Service!.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{sli.Service.Team!.Name}' (or admins) can delete this SLI.");
        }
        await catalog.DeleteAsync(sli, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }
}
