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
    public const int DefaultLifetimeDays = 90;

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
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors.Add("name", "is required, at most 100 characters.");
        }
        if (request.ExpiresInDays is < 1 or > 365)
        {
            errors.Add("expiresInDays", "must be between 1 and 365.");
        }
        var scope = TokenScope.Write;
        if (request.Scope is not null && !TokenScopes.TryParse(request.Scope, out scope))
        {
            errors.Add("scope", $"'{request.Scope}' must be one of {string.Join(", ", TokenScopes.Names)}.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var token = await tokens.IssueAsync(user.UserId(), request.Name!.Trim(), request.ExpiresInDays ?? DefaultLifetimeDays, scope, "api", cancellationToken);
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
