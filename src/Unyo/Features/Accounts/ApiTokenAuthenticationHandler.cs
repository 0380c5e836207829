using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// `Authorization: Bearer <token>` for machines. Each request looks the token up by its hash, so
// a revoked or expired token stops working at once.
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UnyoDb db,
    TimeProvider time,
    IAccessRefusals refusals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    // Refreshing "last used" at most this often keeps token use from writing a row per request.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public const string ProbeTokenPrefix = "unyo_probe_";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = header["Bearer ".Length..].Trim();
        // Probe agents' location tokens are not API tokens: their endpoints check them.
        if (secret.StartsWith(ProbeTokenPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }
        if (secret.Length is 0 or > 512)
        {
            return await RefuseAsync(secret, "malformed", null, "The bearer token is malformed.");
        }
        var hash = ApiTokenSecrets.Hash(secret);
        var token = await db.ApiTokens.Include(t => t.User).Include(t => t.Team).SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        var now = time.StoredNow();
        var owned = token?.User is { Disabled: false } || token?.Team is not null;
        if (token is null || !owned || token.ExpiresAt <= now)
        {
            // Revoked tokens are deleted, so "unknown" covers them; the prefix tells which it was.
            var reason = token is null ? "unknown-or-revoked" : !owned ? "owner-disabled" : "expired";
            return await RefuseAsync(secret, reason, token?.Id, "The token is unknown, revoked or expired.");
        }
        var address = Context.Connection.RemoteIpAddress?.ToString();
        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution || token.LastUsedFrom != address)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now).SetProperty(t => t.LastUsedFrom, address), Context.RequestAborted);
        }
        var identity = token.Team is { } team ? TeamPrincipal.Identity(team, SchemeName) : UserPrincipal.Identity(token.User!, SchemeName);
        identity.AddClaim(new Claim(Policies.TokenClaim, token.Id.ToString()));
        identity.AddClaim(new Claim(Policies.ScopeClaim, token.Scope.ToName()));
        identity.AddClaim(new Claim(Policies.TokenPrefixClaim, token.Prefix));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // Audited (RefusedRequests keeps a client retrying a dead token from flooding the log) under
    // the prefix that was sent: never more of the secret than a token list shows.
    private async Task<AuthenticateResult> RefuseAsync(string secret, string reason, Guid? tokenId, string message)
    {
        var prefix = secret.Length == 0 ? "(empty)" : ApiTokenSecrets.PrefixOf(secret);
        await refusals.RefusedAsync(Context, new AccessRefusal("auth.token-refused", "ApiToken", prefix, reason, tokenId is { } id ? $"token:{id}" : null));
        return AuthenticateResult.Fail(message);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"unyo\"";
        await Results.Problem(statusCode: 401, title: "Sign in or send an API token.",
            detail: "Send 'Authorization: Bearer <token>' with a valid, unexpired API token.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: 403, title: "Forbidden.", detail: "Your role does not allow this.").ExecuteAsync(Context);
}
