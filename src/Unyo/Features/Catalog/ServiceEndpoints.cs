using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Catalog;

public static class ServiceEndpoints
{
    public static async Task<Results<Ok<Page<ServiceResponse>>, ValidationProblem>> List(
        ServiceCatalog catalog, string? team, int? tier, string? tag, string? q, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (tier is < 1 or > 4)
        {
            errors.Add("tier", "must be 1, 2, 3 or 4.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await catalog.ListAsync(new ServiceFilter(team, tier, tag, q), after, take, cancellationToken));
    }

    public static async Task<Results<Ok<ServiceResponse>, ProblemHttpResult>> Get(string name, ServiceCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        var service = await catalog.GetAsync(name, cancellationToken);
        if (service is null)
        {
            return Problems.NotFound("Service", name);
        }
        ETags.Set(response, service.Revision);
        return TypedResults.Ok(service);
    }

    public static async Task<Results<Created<ServiceResponse>, ValidationProblem, ProblemHttpResult>> Create(
        ServiceRequest request, ServiceCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var definition = ServiceValidator.Validate(request, errors);
        if (definition is null)
        {
            return Problems.Validation(errors);
        }
        if (await OwningTeamAsync(db, definition.Team, cancellationToken) is { } teamId && !await access.CanChangeAsync(user, teamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{definition.Team}' (or admins) can create its services.");
        }
        var service = await catalog.CreateAsync(definition, ManagedBy.Api, cancellationToken);
        ETags.Set(response, service.Revision);
        return TypedResults.Created($"/api/v1/services/{service.Name}", await catalog.ToResponseAsync(service, cancellationToken));
    }

    public static async Task<Results<Ok<ServiceResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string name, ServiceRequest request, ServiceCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var service = await catalog.FindAsync(name, cancellationToken);
        if (service is null)
        {
            return Problems.NotFound("Service", name);
        }
        if (!ETags.Matches(http, service.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(service.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); services are not renamed.");
        }
        var definition = ServiceValidator.Validate(request with { Name = name }, errors);
        if (definition is null)
        {
            return Problems.Validation(errors);
        }
        if (!await access.CanChangeAsync(user, service.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{service.Team!.Name}' (or admins) can change this service.");
        }
        if (await OwningTeamAsync(db, definition.Team, cancellationToken) is { } newTeam && !await access.CanChangeAsync(user, newTeam, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{definition.Team}' (or admins) can give it a service.");
        }
        await catalog.UpdateAsync(service, definition, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, service.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(service, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, ServiceCatalog catalog, TeamAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var service = await catalog.FindAsync(name, cancellationToken);
        if (service is null)
        {
            return Problems.NotFound("Service", name);
        }
        if (!ETags.Matches(http, service.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(service.Revision));
        }
        if (!await access.CanChangeAsync(user, service.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{service.Team!.Name}' (or admins) can delete this service.");
        }
        await catalog.DeleteAsync(service, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Guid?> OwningTeamAsync(UnyoDb db, string team, CancellationToken cancellationToken) =>
        await db.Teams.Where(t => t.Name == team).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
}
