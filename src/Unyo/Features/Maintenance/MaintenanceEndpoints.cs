using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Maintenance;

public static class MaintenanceEndpoints
{
    public static async Task<Results<Ok<Page<MaintenanceWindowResponse>>, ValidationProblem>> List(
        MaintenanceCatalog catalog, string? service, string? team, bool? active, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await catalog.ListAsync(new MaintenanceFilter(service, team, active ?? false), after, take, cancellationToken));
    }

    public static async Task<Results<Ok<MaintenanceWindowResponse>, ProblemHttpResult>> Get(string name, MaintenanceCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        var window = await catalog.GetAsync(name, cancellationToken);
        if (window is null)
        {
            return Problems.NotFound("Maintenance window", name);
        }
        ETags.Set(response, window.Revision);
        return TypedResults.Ok(window);
    }

    public static async Task<Results<Created<MaintenanceWindowResponse>, ValidationProblem, ProblemHttpResult>> Create(
        MaintenanceWindowRequest request, MaintenanceCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var spec = MaintenanceWindowValidator.Validate(request, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.RefusalAsync(db, user, null, [], spec, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var window = await catalog.CreateAsync(spec, ManagedBy.Api, cancellationToken);
        ETags.Set(response, window.Revision);
        return TypedResults.Created($"/api/v1/maintenance-windows/{window.Name}", catalog.ToResponse(window));
    }

    public static async Task<Results<Ok<MaintenanceWindowResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, MaintenanceWindowRequest request, MaintenanceCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var window = await catalog.FindAsync(name, cancellationToken);
        if (window is null)
        {
            return Problems.NotFound("Maintenance window", name);
        }
        if (!ETags.Matches(http, window.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(window.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); maintenance windows are not renamed.");
        }
        var spec = MaintenanceWindowValidator.Validate(request with { Name = name }, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        var before = MaintenanceCatalog.Spec(window);
        if (await access.RefusalAsync(db, user, before.Team, before.Services, spec, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.UpdateAsync(window, spec, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, window.Revision);
        return TypedResults.Ok(catalog.ToResponse(window));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, MaintenanceCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var window = await catalog.FindAsync(name, cancellationToken);
        if (window is null)
        {
            return Problems.NotFound("Maintenance window", name);
        }
        if (!ETags.Matches(http, window.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(window.Revision));
        }
        if (await access.RefusalAsync(db, user, window.Team!.Name, [], null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.DeleteAsync(window, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }

    // `POST /api/v1/maintenance-windows/{name}/end`: ends the occurrence under way now.
    public static async Task<Results<Ok<MaintenanceOccurrenceResponse>, ProblemHttpResult>> End(
        string name, MaintenanceCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var window = await catalog.FindAsync(name, cancellationToken);
        if (window is null)
        {
            return Problems.NotFound("Maintenance window", name);
        }
        if (!ETags.Matches(http, window.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(window.Revision));
        }
        if (await access.RefusalAsync(db, user, window.Team!.Name, [], null, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var ended = await catalog.EndAsync(window, ManagedBy.Api.ToName(), cancellationToken);
        ETags.Set(http.HttpContext.Response, window.Revision);
        return TypedResults.Ok(MaintenanceCatalog.ToContract(ended)!);
    }
}
