using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// A person's own API tokens. No Idempotency-Key here on purpose: replaying the answer would
// mean storing the secret.
public static class TokenEndpoints
{
    public static async Task<Ok<List<TokenResponse>>> List(UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var id = user.UserId();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == id).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(tokens.Select(AccountMapping.ToResponse).ToList());
    }

    // A token may mint or renew tokens only if it is an admin-scope token: otherwise a read token
    // could make itself a write token.
    private static bool MayManageTokens(ClaimsPrincipal user) =>
        user.FindFirstValue(Policies.TokenClaim) is null || user.FindFirstValue(Policies.ScopeClaim) == TokenScope.Admin.ToName();

    private static ProblemHttpResult TokenMayNotManageTokens() =>
        Problems.Forbidden("Create and rotate tokens when signed in, or with an admin-scope token.");

    public static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateTokenRequest request, TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!MayManageTokens(user))
        {
            return TokenMayNotManageTokens();
        }
        var errors = new ValidationErrors();
        var (name, days, scope) = TokenIssuer.Validate(request.Name, request.ExpiresInDays, request.Scope, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var token = await tokens.IssueAsync(user.UserId(), name, days, scope, "api", cancellationToken);
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", token);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(user.UserId(), id, "api", cancellationToken) is null ? Problems.NotFound("Token", id.ToString()) : TypedResults.NoContent();

    public static async Task<Results<Ok<CreatedTokenResponse>, ProblemHttpResult>> Rotate(Guid id, TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!MayManageTokens(user))
        {
            return TokenMayNotManageTokens();
        }
        return await tokens.RotateAsync(user.UserId(), id, "api", cancellationToken) is { } rotated ? TypedResults.Ok(rotated) : Problems.NotFound("Token", id.ToString());
    }
}
