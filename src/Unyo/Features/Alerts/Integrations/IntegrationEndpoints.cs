using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// /api/v1/integrations: members of the service's team and admins write; everyone who may read
// sees integrations, with the key masked unless they may change them.
public static class IntegrationEndpoints
{
    public static async Task<Results<Ok<Page<IntegrationResponse>>, ValidationProblem>> List(
        IntegrationCatalog catalog, TeamAccess access, ClaimsPrincipal user, HttpRequest http, string? service, string? team, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var rows = await catalog.ListAsync(service, team, after, take + 1, cancellationToken);
        var visible = new Dictionary<Guid, bool>();
        var items = new List<IntegrationResponse>();
        foreach (var integration in rows.Take(take))
        {
            var teamId = integration.Service!.TeamId;
            if (!visible.TryGetValue(teamId, out var sees))
            {
                visible[teamId] = sees = await access.CanChangeAsync(user, teamId, cancellationToken);
            }
            items.Add(IntegrationResponses.ToResponse(integration, catalog.KeyOf(integration), sees, IntegrationResponses.BaseUrl(http)));
        }
        return TypedResults.Ok(new Page<IntegrationResponse>(items, rows.Count > take ? Cursor.Encode(items[^1].Name) : null));
    }

    public static async Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> Get(
        string name, IntegrationCatalog catalog, TeamAccess access, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } integration)
        {
            return Problems.NotFound("Integration", name);
        }
        ETags.Set(http.Response, integration.Revision);
        var sees = await access.CanChangeAsync(user, integration.Service!.TeamId, cancellationToken);
        return TypedResults.Ok(IntegrationResponses.ToResponse(integration, catalog.KeyOf(integration), sees, IntegrationResponses.BaseUrl(http.Request)));
    }

    public static async Task<Results<Created<IntegrationResponse>, ValidationProblem, ProblemHttpResult>> Create(
        IntegrationRequest request, IntegrationCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (IntegrationValidator.Validate(request, errors) is not { } spec)
        {
            return Problems.Validation(errors);
        }
        if (await access.ForServiceAsync(db, user, spec.Service, cancellationToken) is { Allowed: false } owner)
        {
            return Problems.Forbidden($"Only members of team '{owner.Team}' (or admins) can add integrations to service '{spec.Service}'.");
        }
        var (integration, key) = await catalog.CreateAsync(spec, ManagedBy.Api, cancellationToken);
        ETags.Set(http.Response, integration.Revision);
        return TypedResults.Created($"/api/v1/integrations/{integration.Name}", IntegrationResponses.ToResponse(integration, key, true, IntegrationResponses.BaseUrl(http.Request)));
    }

    public static async Task<Results<Ok<IntegrationResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, IntegrationRequest request, IntegrationCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } integration)
        {
            return Problems.NotFound("Integration", name);
        }
        if (!ETags.Matches(http.Request, integration.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(integration.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); integrations are not renamed.");
        }
        if (IntegrationValidator.Validate(request with { Name = name }, errors) is not { } spec || !errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        if (!await access.CanChangeAsync(user, integration.Service!.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{integration.Service.Team!.Name}' (or admins) can change this integration.");
        }
        if (await access.ForServiceAsync(db, user, spec.Service, cancellationToken) is { Allowed: false } owner)
        {
            return Problems.Forbidden($"Only members of team '{owner.Team}' (or admins) can give service '{spec.Service}' an integration.");
        }
        await catalog.UpdateAsync(integration, spec, ManagedBy.Api, cancellationToken);
        ETags.Set(http.Response, integration.Revision);
        return TypedResults.Ok(IntegrationResponses.ToResponse(integration, catalog.KeyOf(integration), true, IntegrationResponses.BaseUrl(http.Request)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, IntegrationCatalog catalog, TeamAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } integration)
        {
            return Problems.NotFound("Integration", name);
        }
        if (!ETags.Matches(http, integration.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(integration.Revision));
        }
        if (!await access.CanChangeAsync(user, integration.Service!.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{integration.Service.Team!.Name}' (or admins) can delete this integration.");
        }
        await catalog.DeleteAsync(integration, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<IntegrationResponse>, ProblemHttpResult>> RotateKey(
        string name, IntegrationCatalog catalog, TeamAccess access, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(name, cancellationToken) is not { } integration)
        {
            return Problems.NotFound("Integration", name);
        }
        if (!await access.CanChangeAsync(user, integration.Service!.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{integration.Service.Team!.Name}' (or admins) can rotate this integration's key.");
        }
        var key = await catalog.RotateKeyAsync(integration, cancellationToken);
        ETags.Set(http.Response, integration.Revision);
        return TypedResults.Ok(IntegrationResponses.ToResponse(integration, key, true, IntegrationResponses.BaseUrl(http.Request)));
    }
}
