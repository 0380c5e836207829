using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// Creates, rotates and revokes the API tokens of a person or a team, for the API and the pages,
// auditing each.
public sealed class TokenIssuer(UnyoDb db, TimeProvider time, AuditLog audit)
{
    public const int DefaultLifetimeDays = 90;

    // A team token may be anything but admin: a service account acts as a member of its team.
    public static readonly string[] TeamScopeNames = [.. TokenScopes.Names.Where(s => s != TokenScope.Admin.ToName())];

    // The rules for a new token, for the API and the pages alike.
    public static (string Name, int Days, TokenScope Scope) Validate(string? name, int? days, string? scope, ValidationErrors errors, bool forTeam = false)
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
            errors.Add("scope", $"'{scope}' must be one of {string.Join(", ", forTeam ? TeamScopeNames : TokenScopes.Names)}.");
        }
        else if (forTeam && parsed == TokenScope.Admin)
        {
            errors.Add("scope", $"a team token is never admin: it acts as a member of its team. Use one of {string.Join(", ", TeamScopeNames)}.");
        }
        return (name?.Trim() ?? "", days ?? DefaultLifetimeDays, parsed);
    }

    // A token may mint or renew tokens only if it is an admin-scope token: otherwise a read token
    // could make itself a write token. Team tokens are never admin, so they mint nothing.
    public static bool MayManageTokens(ClaimsPrincipal user) =>
        user.FindFirstValue(Policies.TokenClaim) is null || user.FindFirstValue(Policies.ScopeClaim) == TokenScope.Admin.ToName();

    public static ProblemHttpResult TokenMayNotManageTokens() =>
        Problems.Forbidden("Create and rotate tokens when signed in, or with an admin-scope token.");

    public Task<List<ApiToken>> ListAsync(TokenOwner owner, CancellationToken cancellationToken) =>
        owner.Filter(db.ApiTokens.AsNoTracking()).OrderBy(t => t.Name).ThenBy(t => t.Id).ToListAsync(cancellationToken);

    public async Task<CreatedTokenResponse> IssueAsync(TokenOwner owner, string name, int days, TokenScope scope, string source, CancellationToken cancellationToken)
    {
        if (owner.IsTeam && scope == TokenScope.Admin)
        {
            throw new InvalidOperationException("Team tokens are never admin; Validate refuses that scope.");
        }
        var now = time.StoredNow();
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = owner.UserId,
            TeamId = owner.TeamId,
            Name = name,
            Prefix = "",
            Hash = "",
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
            Scope = scope,
        };
        var secret = Seal(token);
        db.ApiTokens.Add(token);
        audit.Record("token.create", "ApiToken", token.Name, null, Snapshot(token, owner), source);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedTokenResponse(token.Id, token.Name, secret, token.ExpiresAt, token.Scope.ToName());
    }

    // A new secret for the same token (name, scope, expiry): the old secret stops working at once.
    public async Task<CreatedTokenResponse?> RotateAsync(TokenOwner owner, Guid tokenId, string source, CancellationToken cancellationToken)
    {
        var token = await owner.FindAsync(db.ApiTokens, tokenId, cancellationToken);
        if (token is null)
        {
            return null;
        }
        var before = Snapshot(token, owner);
        var secret = Seal(token);
        audit.Record("token.rotate", "ApiToken", token.Name, before, Snapshot(token, owner), source);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedTokenResponse(token.Id, token.Name, secret, token.ExpiresAt, token.Scope.ToName());
    }

    // Only through its owner (the person, or the team) is a token revoked here; returns its name,
    // or null when the owner has no such token.
    public async Task<string?> RevokeAsync(TokenOwner owner, Guid tokenId, string source, CancellationToken cancellationToken)
    {
        var token = await owner.FindAsync(db.ApiTokens, tokenId, cancellationToken);
        if (token is null)
        {
            return null;
        }
        db.ApiTokens.Remove(token);
        RecordRevoked(token, owner, source);
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

    // For a token that goes with its owner (a deleted team): the caller saves.
    public void RecordRevoked(ApiToken token, TokenOwner owner, string source) =>
        audit.Record("token.revoke", "ApiToken", token.Name, Snapshot(token, owner), null, source);

    // Never the secret or its hash.
    private static object Snapshot(ApiToken token, TokenOwner owner) => owner.TeamName is { } team
        ? new { id = token.Id, name = token.Name, team, prefix = token.Prefix, scope = token.Scope.ToName(), expiresAt = token.ExpiresAt }
        : new { id = token.Id, name = token.Name, prefix = token.Prefix, scope = token.Scope.ToName(), expiresAt = token.ExpiresAt };
}
