using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Hosting;

namespace Unyo.Features.Checks;

public static class CheckEndpoints
{
    public static async Task<Results<Ok<Page<CheckResponse>>, ValidationProblem>> List(
        CheckQueries queries, string? service, string? team, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        CheckStatus? wanted = null;
        if (status is not null)
        {
            if (CheckQueries.TryParseStatus(status, out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors.Add("status", $"'{status}' must be pending, up, degraded, down or paused.");
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        return TypedResults.Ok(await queries.ListAsync(service, team, wanted, after, take, cancellationToken));
    }

    public static async Task<Results<Ok<CheckResponse>, ProblemHttpResult>> Get(
        string name, CheckQueries queries, CheckCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var row = await queries.RowAsync(name, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound("check", name);
        }
        ETags.Set(http.Response, row.Check.Revision);
        return TypedResults.Ok(CheckQueries.ToResponse(row, await PingUrlAsync(row.Check, catalog, access, db, user, http.Request, cancellationToken)));
    }

    public static async Task<Results<Created<CheckResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CheckRequest request, CheckCatalog catalog, CheckQueries queries, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var definition = CheckValidator.Validate(request, errors);
        if (definition is null)
        {
            return Problems.Validation(errors);
        }
        if (await access.ForServiceAsync(db, user, definition.Service, cancellationToken) is { Allowed: false } owner)
        {
            return Problems.Forbidden($"Only members of team '{owner.Team}' (or admins) can add checks to service '{definition.Service}'.");
        }
        var check = await catalog.CreateAsync(definition, ManagedBy.Api, cancellationToken);
        ETags.Set(http.Response, check.Revision);
        var row = (await queries.RowAsync(check.Name, cancellationToken))!;
        return TypedResults.Created($"/api/v1/checks/{check.Name}", CheckQueries.ToResponse(row, PingUrl(http.Request, catalog.PingToken(check))));
    }

    public static async Task<Results<Ok<CheckResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string name, CheckRequest request, CheckCatalog catalog, CheckQueries queries, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var check = await catalog.FindAsync(name, cancellationToken);
        if (check is null)
        {
            return Problems.NotFound("check", name);
        }
        if (!ETags.Matches(http.Request, check.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(check.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); checks are not renamed.");
        }
        var definition = CheckValidator.Validate(request with { Name = name }, errors);
        if (definition is null)
        {
            return Problems.Validation(errors);
        }
        if (!await access.CanChangeAsync(user, check.Service!.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{check.Service.Team!.Name}' (or admins) can change this check.");
        }
        if (await access.ForServiceAsync(db, user, definition.Service, cancellationToken) is { Allowed: false } owner)
        {
            return Problems.Forbidden($"Only members of team '{owner.Team}' (or admins) can give service '{definition.Service}' a check.");
        }
        await catalog.UpdateAsync(check, definition, ManagedBy.Api, cancellationToken);
        ETags.Set(http.Response, check.Revision);
        var row = (await queries.RowAsync(name, cancellationToken))!;
        return TypedResults.Ok(CheckQueries.ToResponse(row, PingUrl(http.Request, catalog.PingToken(check))));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string name, CheckCatalog catalog, TeamAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var check = await catalog.FindAsync(name, cancellationToken);
        if (check is null)
        {
            return Problems.NotFound("check", name);
        }
        if (!ETags.Matches(http, check.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(check.Revision));
        }
        if (!await access.CanChangeAsync(user, check.Service!.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{check.Service.Team!.Name}' (or admins) can delete this check.");
        }
        await catalog.DeleteAsync(check, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CheckResponse>, ProblemHttpResult>> RotatePingUrl(
        string name, CheckCatalog catalog, CheckQueries queries, TeamAccess access, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var check = await catalog.FindAsync(name, cancellationToken);
        if (check is null)
        {
            return Problems.NotFound("check", name);
        }
        if (check.Type != CheckType.Heartbeat)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not a heartbeat.", detail: $"check '{name}' is of type {check.Type.ToName()}; only heartbeats have a ping URL.");
        }
        if (!await access.CanChangeAsync(user, check.Service!.TeamId, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{check.Service.Team!.Name}' (or admins) can change this check's ping URL.");
        }
        var token = await catalog.RotatePingTokenAsync(check, cancellationToken);
        ETags.Set(http.Response, check.Revision);
        return TypedResults.Ok(CheckQueries.ToResponse((await queries.RowAsync(name, cancellationToken))!, PingUrl(http.Request, token)));
    }

    // The ping URL is a secret of the owning team: others (viewers, other teams) see the check without it.
    private static async Task<string?> PingUrlAsync(Check check, CheckCatalog catalog, TeamAccess access, UnyoDb db, ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
    {
        if (check.PingTokenSealed is null)
        {
            return null;
        }
        var teamId = await db.Services.Where(s => s.Id == check.ServiceId).Select(s => (Guid?)s.TeamId).SingleOrDefaultAsync(cancellationToken);
        return teamId is { } team && await access.CanChangeAsync(user, team, cancellationToken) ? PingUrl(request, catalog.PingToken(check)) : null;
    }

    public static string? PingUrl(HttpRequest request, string? token) => token is null ? null : $"{request.Scheme}://{request.Host}{request.PathBase}/ping/{token}";
}
