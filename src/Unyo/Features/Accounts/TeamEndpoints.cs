using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

public static class TeamEndpoints
{
    public static async Task<Results<Ok<Page<TeamResponse>>, ValidationProblem>> List(UnyoDb db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var query = Teams(db).AsNoTracking();
        if (after is not null)
        {
            query = query.Where(t => string.Compare(t.Name, after) > 0);
        }
        var teams = await query.OrderBy(t => t.Name).Take(take + 1).ToListAsync(cancellationToken);
        var page = teams.Take(take).ToList();
        var services = await ServicesOfAsync(db, [.. page.Select(t => t.Id)], cancellationToken);
        return TypedResults.Ok(new Page<TeamResponse>([.. page.Select(t => AccountMapping.ToResponse(t, services[t.Id]))], teams.Count > take ? Cursor.Encode(page[^1].Name) : null));
    }

    public static async Task<Results<Ok<TeamResponse>, ProblemHttpResult>> Get(string name, UnyoDb db, HttpResponse response, CancellationToken cancellationToken)
    {
        var team = await Teams(db).AsNoTracking().SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (team is null)
        {
            return Problems.NotFound("Team", name);
        }
        ETags.Set(response, team.Revision);
        return TypedResults.Ok(AccountMapping.ToResponse(team, (await ServicesOfAsync(db, [team.Id], cancellationToken))[team.Id]));
    }

    public static async Task<Results<Created<TeamResponse>, ValidationProblem>> Create(
        TeamRequest request, TeamCatalog teams, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var definition = TeamDefinition.Validate(request.Name, request.DisplayName, request.Description, errors);
        if (definition is null)
        {
            return Problems.Validation(errors);
        }
        var team = await teams.CreateAsync(definition, ManagedBy.Api, cancellationToken);
        ETags.Set(response, team.Revision);
        return TypedResults.Created($"/api/v1/teams/{team.Name}", AccountMapping.ToResponse(team, []));
    }

    public static async Task<Results<Ok<TeamResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string name, TeamRequest request, UnyoDb db, TeamCatalog teams, TeamAccess access, ClaimsPrincipal user, HttpRequest http, CancellationToken cancellationToken)
    {
        var team = await Teams(db).SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (team is null)
        {
            return Problems.NotFound("Team", name);
        }
        if (!ETags.Matches(http, team.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(team.Revision));
        }
        var errors = new ValidationErrors();
        if (request.Name is not null && request.Name != name)
        {
            errors.Add("name", $"must match the URL ('{name}'); teams are not renamed.");
        }
        var definition = TeamDefinition.Validate(name, request.DisplayName, request.Description, errors);
        if (definition is null)
        {
            return Problems.Validation(errors);
        }
        if (!await access.CanChangeAsync(user, team.Id, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{name}' (or admins) can change it.");
        }
        await teams.UpdateAsync(team, definition, ManagedBy.Api, cancellationToken);
        ETags.Set(http.HttpContext.Response, team.Revision);
        return TypedResults.Ok(AccountMapping.ToResponse(team, (await ServicesOfAsync(db, [team.Id], cancellationToken))[team.Id]));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string name, UnyoDb db, TeamCatalog teams, HttpRequest http, CancellationToken cancellationToken)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (team is null)
        {
            return Problems.NotFound("Team", name);
        }
        if (!ETags.Matches(http, team.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(team.Revision));
        }
        await teams.DeleteAsync(team, ManagedBy.Api.ToName(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<TeamResponse>, ProblemHttpResult>> AddMember(
        string name, AddTeamMemberRequest request, UnyoDb db, TeamCatalog teams, TeamAccess access, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (team is null)
        {
            return Problems.NotFound("Team", name);
        }
        if (!await access.CanChangeAsync(user, team.Id, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{name}' (or admins) can add members.");
        }
        await teams.AddMemberAsync(team, request.Email, ManagedBy.Api.ToName(), cancellationToken);
        var updated = await Teams(db).AsNoTracking().SingleAsync(t => t.Id == team.Id, cancellationToken);
        return TypedResults.Ok(AccountMapping.ToResponse(updated, (await ServicesOfAsync(db, [team.Id], cancellationToken))[team.Id]));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        string name, string email, UnyoDb db, TeamCatalog teams, TeamAccess access, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (team is null)
        {
            return Problems.NotFound("Team", name);
        }
        if (!await access.CanChangeAsync(user, team.Id, cancellationToken))
        {
            return Problems.Forbidden($"Only members of team '{name}' (or admins) can remove members.");
        }
        return await teams.RemoveMemberAsync(team, email, ManagedBy.Api.ToName(), cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("Team member", email);
    }

    private static IQueryable<Team> Teams(UnyoDb db) => db.Teams.Include(t => t.Memberships).ThenInclude(m => m.User);

    private static async Task<ILookup<Guid, string>> ServicesOfAsync(UnyoDb db, IReadOnlyCollection<Guid> teamIds, CancellationToken cancellationToken) =>
        (await db.Services.Where(s => teamIds.Contains(s.TeamId)).Select(s => new { s.TeamId, s.Name }).ToListAsync(cancellationToken))
        .ToLookup(s => s.TeamId, s => s.Name);
}
