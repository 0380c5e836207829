using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.OnCall;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages;

public static class StatusPageEndpoints
{
    private const string What = "status pages";

    public static async Task<Results<Ok<Page<StatusPageResponse>>, ValidationProblem>> List(
        StatusPageCatalog catalog, string? team, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await catalog.ListAsync(team, after, take, cancellationToken));
    }

    public static async Task<Results<Ok<StatusPageResponse>, ProblemHttpResult>> Get(string name, StatusPageCatalog catalog, HttpResponse response, CancellationToken cancellationToken)
    {
        var page = await catalog.FindAsync(name, cancellationToken);
        if (page is null)
        {
            return Problems.NotFound("Status page", name);
        }
        ETags.Set(response, page.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(page, cancellationToken));
    }

    public static async Task<Results<Created<StatusPageResponse>, ValidationProblem, ProblemHttpResult>> Create(
        StatusPageRequest request, StatusPageCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var spec = StatusPageValidator.Validate(request, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.TeamOwnedRefusalAsync(db, user, null, spec.Team, What, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        var page = await catalog.CreateAsync(spec, ManagedBy.Api, cancellationToken);
        ETags.Set(response, page.Revision);
        return TypedResults.Created($"/api/v1/status-pages/{page.Name}", await catalog.ToResponseAsync(page, cancellationToken));
    }

    public static async Task<Results<Ok<StatusPageResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, StatusPageRequest request, StatusPageCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var page = await catalog.FindAsync(name, cancellationToken);
        if (page is null)
        {
            return Problems.NotFound("Status page", name);
        }
        if (!ETags.Matches(http, page.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(page.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); status pages are not renamed (their address is public).");
        }
        var spec = StatusPageValidator.Validate(request with { Name = name }, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.TeamOwnedRefusalAsync(db, user, page.Team!.Name, spec.Team, What, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.UpdateAsync(page, spec, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, page.Revision);
        return TypedResults.Ok(await catalog.ToResponseAsync(page, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, StatusPageCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var page = await catalog.FindAsync(name, cancellationToken);
        if (page is null)
        {
            return Problems.NotFound("Status page", name);
        }
        if (!ETags.Matches(http, page.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(page.Revision));
        }
        if (await access.TeamOwnedRefusalAsync(db, user, page.Team!.Name, null, What, cancellationToken) is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        await catalog.DeleteAsync(page, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }
}
