using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// Creates and revokes a person's API tokens for the API and the account page, auditing both.
public sealed class TokenIssuer(UnyoDb db, TimeProvider time, AuditLog audit)
{
    public async Task<CreatedTokenResponse> IssueAsync(Guid userId, string name, int days, TokenScope scope, string source, CancellationToken cancellationToken)
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
            Scope = scope,
        };
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
        var secret = ApiTokenSecrets.Generate();
        token.Prefix = ApiTokenSecrets.PrefixOf(secret);
        token.Hash = ApiTokenSecrets.Hash(secret);
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

    // Never the secret or its hash.
    private static object Snapshot(ApiToken token) => new { id = token.Id, name = token.Name, prefix = token.Prefix, scope = token.Scope.ToName(), expiresAt = token.ExpiresAt };
}
