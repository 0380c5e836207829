using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// A team's tokens: its service account, for automation that must outlive any one person's job.
// Admins manage them, and members of the team whose role lets them change what it owns; listing
// is part of managing (names, last use and addresses are not for everyone). No Idempotency-Key,
// like a person's tokens: replaying the answer would mean storing the secret.
public static class TeamTokenEndpoints
{
    public static async Task<Results<Ok<List<TokenResponse>>, ProblemHttpResult>> List(
        string name, UnyoDb db, TeamAccess access, TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (team, refused) = await TeamToManageAsync(name, db, access, user, cancellationToken);
        if (team is null)
        {
            return refused!;
        }
        return TypedResults.Ok((await tokens.ListAsync(TokenOwner.Of(team), cancellationToken)).Select(AccountMapping.ToResponse).ToList());
    }

    public static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem, ProblemHttpResult>> Create(
        string name, CreateTokenRequest request, UnyoDb db, TeamAccess access, TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!TokenIssuer.MayManageTokens(user))
        {
            return TokenIssuer.TokenMayNotManageTokens();
        }
        var (team, refused) = await TeamToManageAsync(name, db, access, user, cancellationToken);
        if (team is null)
        {
            return refused!;
        }
        var errors = new ValidationErrors();
        var (tokenName, days, scope) = TokenIssuer.Validate(request.Name, request.ExpiresInDays, request.Scope, errors, forTeam: true);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var token = await tokens.IssueAsync(TokenOwner.Of(team), tokenName, days, scope, "api", cancellationToken);
        return TypedResults.Created($"/api/v1/teams/{team.Name}/tokens/{token.Id}", token);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        string name, Guid id, UnyoDb db, TeamAccess access, TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (team, refused) = await TeamToManageAsync(name, db, access, user, cancellationToken);
        if (team is null)
        {
            return refused!;
        }
        return await tokens.RevokeAsync(TokenOwner.Of(team), id, "api", cancellationToken) is null ? Problems.NotFound("Token", id.ToString()) : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CreatedTokenResponse>, ProblemHttpResult>> Rotate(
        string name, Guid id, UnyoDb db, TeamAccess access, TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!TokenIssuer.MayManageTokens(user))
        {
            return TokenIssuer.TokenMayNotManageTokens();
        }
        var (team, refused) = await TeamToManageAsync(name, db, access, user, cancellationToken);
        if (team is null)
        {
            return refused!;
        }
        return await tokens.RotateAsync(TokenOwner.Of(team), id, "api", cancellationToken) is { } rotated ? TypedResults.Ok(rotated) : Problems.NotFound("Token", id.ToString());
    }

    private static async Task<(Team? Team, ProblemHttpResult? Refused)> TeamToManageAsync(
        string name, UnyoDb db, TeamAccess access, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (team is null)
        {
            return (null, Problems.NotFound("Team", name));
        }
        if (!await access.CanChangeAsync(user, team.Id, cancellationToken))
        {
            return (null, Problems.Forbidden($"Only admins and members of team '{name}' (with the member role or above) manage its tokens."));
        }
        return (team, null);
    }
}
