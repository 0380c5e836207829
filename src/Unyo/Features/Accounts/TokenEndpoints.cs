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

    public static async Task<Results<Created<CreatedTokenResponse>, ValidationProblem>> Create(
        CreateTokenRequest request, UnyoDb db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors.Add("name", "is required, at most 100 characters.");
        }
        if (request.ExpiresInDays is < 1 or > 365)
        {
            errors.Add("expiresInDays", "must be between 1 and 365.");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var token = await IssueAsync(db, time, user.UserId(), request.Name!.Trim(), request.ExpiresInDays ?? DefaultLifetimeDays, cancellationToken);
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", token);
    }

    public static async Task<CreatedTokenResponse> IssueAsync(UnyoDb db, TimeProvider time, Guid userId, string name, int days, CancellationToken cancellationToken)
    {
        var now = time.StoredNow();
        var secret = ApiTokenSecrets.Generate();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = name,
            Prefix = ApiTokenSecrets.PrefixOf(secret),
            Hash = ApiTokenSecrets.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedTokenResponse(token.Id, token.Name, secret, token.ExpiresAt);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        var deleted = await db.ApiTokens.Where(t => t.Id == id && (t.UserId == userId)).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("Token", id.ToString()) : TypedResults.NoContent();
    }
}
