using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// A person's own API tokens. No Idempotency-Key here on purpose: replaying the answer would
// mean storing the secret.
public static class TokenEndpoints
{
    public static async Task<Ok<List<TokenResponse>>> List(TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok((await tokens.ListAsync(TokenOwner.Person(user.UserId()), cancellationToken)).Select(AccountMapping.ToResponse).ToList());

    public static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateTokenRequest request, TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!TokenIssuer.MayManageTokens(user))
        {
            return TokenIssuer.TokenMayNotManageTokens();
        }
        var errors = new ValidationErrors();
        var (name, days, scope) = TokenIssuer.Validate(request.Name, request.ExpiresInDays, request.Scope, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var token = await tokens.IssueAsync(TokenOwner.Person(user.UserId()), name, days, scope, "api", cancellationToken);
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", token);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(TokenOwner.Person(user.UserId()), id, "api", cancellationToken) is null ? Problems.NotFound("Token", id.ToString()) : TypedResults.NoContent();

    public static async Task<Results<Ok<CreatedTokenResponse>, ProblemHttpResult>> Rotate(Guid id, TokenIssuer tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!TokenIssuer.MayManageTokens(user))
        {
            return TokenIssuer.TokenMayNotManageTokens();
        }
        return await tokens.RotateAsync(TokenOwner.Person(user.UserId()), id, "api", cancellationToken) is { } rotated ? TypedResults.Ok(rotated) : Problems.NotFound("Token", id.ToString());
    }
}
