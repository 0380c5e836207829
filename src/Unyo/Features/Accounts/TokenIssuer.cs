using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// Creates and revokes a person's API tokens for the API and the account page, auditing both.
public sealed class TokenIssuer(UnyoDb db, TimeProvider time, AuditLog audit)
{
    public const int DefaultLifetimeDays = 90;

    // The rules for a new token, for the API and the Account page alike.
    public static (string Name, int Days, TokenScope Scope) Validate(string? name, int? days, string? scope, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            errors.Add("name", "is required, at most 100 characters.");
        }
        if (days is < 1 or > 365)
        {
            errors.Add("expiresInDays", "must be between 1 and 365.");
        }
        var parsed = TokenScope.Write;
        if (scope is not null && !TokenScopes.TryParse(scope, out parsed))
        {
            errors.Add("scope", $"'{scope}' must be one of {string.Join(", ", TokenScopes.Names)}.");
        }
        return (name?.Trim() ?? "", days ?? DefaultLifetimeDays, parsed);
    }

    public async Task<CreatedTokenResponse> IssueAsync(Guid userId, string name, int days, TokenScope scope, string source, CancellationToken cancellationToken)
    {
        var now = time.StoredNow();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = name,
            Prefix = "",
            Hash = "",
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
            Scope = scope,
        };
        var secret = Seal(token);
        db.ApiTokens.Add(token);
        audit.Record("token.create", "ApiToken", token.Name, null, Snapshot(token), source);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedTokenResponse(token.Id, token.Name, secret, token.ExpiresAt, token.Scope.ToName());
    }

    // A new secret for the same token (name, scope, expiry): the old secret stops working at once.
    public async Task<CreatedTokenResponse?> RotateAsync(Guid userId, Guid tokenId, string source, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return null;
        }
        var before = Snapshot(token);
        var secret = Seal(token);
        audit.Record("token.rotate", "ApiToken", token.Name, before, Snapshot(token), source);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedTokenResponse(token.Id, token.Name, secret, token.ExpiresAt, token.Scope.ToName());
    }

    // Only the owner of a token revokes it here; returns its name, or null when there is none.
    public async Task<string?> RevokeAsync(Guid userId, Guid tokenId, string source, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return null;
        }
        db.ApiTokens.Remove(token);
        audit.Record("token.revoke", "ApiToken", token.Name, Snapshot(token), null, source);
        await db.SaveChangesAsync(cancellationToken);
        return token.Name;
    }

    // Gives the token a new secret, keeping only its prefix and hash; returns the secret.
    private static string Seal(ApiToken token)
    {
        var secret = ApiTokenSecrets.Generate();
        token.Prefix = ApiTokenSecrets.PrefixOf(secret);
        token.Hash = ApiTokenSecrets.Hash(secret);
        return secret;
    }

    // Never the secret or its hash.
    private static object Snapshot(ApiToken token) => new { id = token.Id, name = token.Name, prefix = token.Prefix, scope = token.Scope.ToName(), expiresAt = token.ExpiresAt };
}
