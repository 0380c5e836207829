using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Routes;

public static class AlertRouteEndpoints
{
    public static async Task<Ok<IReadOnlyList<AlertRouteResponse>>> List(AlertRouteCatalog catalog, string? team, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ListAsync(team, cancellationToken));

    public static async Task<Results<Ok<AlertRouteResponse>, ProblemHttpResult>> Get(string name, AlertRouteCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } route)
        {
            return Problems.NotFound("Alert route", name);
        }
        ETags.Set(response, route.Revision);
        return TypedResults.Ok(AlertRouteCatalog.ToResponse(route));
    }

    public static async Task<Results<Created<AlertRouteResponse>, ValidationProblem, ProblemHttpResult>> Create(
        AlertRouteRequest request, AlertRouteCatalog catalog, AlertRouteAccess access, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var spec = AlertRouteValidator.Validate(request, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.RefusalAsync(user, existed: false, null, spec, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var route = await catalog.CreateAsync(spec, ManagedBy.Api, cancellationToken);
        ETags.Set(response, route.Revision);
        return TypedResults.Created($"/api/v1/alert-routes/{route.Name}", AlertRouteCatalog.ToResponse(route));
    }

    public static async Task<Results<Ok<AlertRouteResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, AlertRouteRequest request, AlertRouteCatalog catalog, AlertRouteAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } route)
        {
            return Problems.NotFound("Alert route", name);
        }
        if (!ETags.Matches(http, route.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(route.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); alert routes are not renamed.");
        }
        var spec = AlertRouteValidator.Validate(request with { Name = name }, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.RefusalAsync(user, existed: true, route.Team?.Name, spec, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.UpdateAsync(route, spec, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, route.Revision);
        return TypedResults.Ok(AlertRouteCatalog.ToResponse(route));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, AlertRouteCatalog catalog, AlertRouteAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } route)
        {
            return Problems.NotFound("Alert route", name);
        }
        if (!ETags.Matches(http, route.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(route.Revision));
        }
        if (await access.RefusalAsync(user, existed: true, route.Team?.Name, null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.DeleteAsync(route, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }
}
