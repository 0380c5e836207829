using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Unyo.Data;
using Unyo.Features.Accounts.Pages;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sso;

// Single sign-on with OpenID Connect, authorization code flow with PKCE. Start sends the browser
// to the provider; Finish checks what comes back, finds (links or creates) the account, applies
// group mappings and records the sign-in. Every refusal is an SsoRefusedException.
public sealed class SsoSignIn(UnyoDb db, SecretBox secrets, SsoCorrelation correlation, OidcDiscovery discovery, OidcCodeExchange exchange, GroupSync groups, AuditLog audit, TimeProvider time)
{
    public static string CallbackPath(string provider) => $"/signin/sso/{provider}/callback";

    // At UNYO_PUBLIC_URL when it is set (the address people use, as in notifications' links), so
    // the provider's registered redirect URI does not depend on which host name a request came by.
    public static string RedirectUri(HttpRequest request, string provider) =>
        request.HttpContext.RequestServices.GetService<IConfiguration>()?["UNYO_PUBLIC_URL"] is { Length: > 0 } publicUrl
            ? $"{publicUrl.TrimEnd('/')}{CallbackPath(provider)}"
            : $"{request.Scheme}://{request.Host}{request.PathBase}{CallbackPath(provider)}";

    public async Task<string> StartAsync(HttpContext context, string name, string? returnUrl)
    {
        var provider = await EnabledAsync(name, context.RequestAborted);
        var configuration = await DiscoverAsync(provider, context.RequestAborted);
        var pending = correlation.Begin(context, provider.Name, ReturnUrls.Safe(returnUrl));
        return QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = provider.ClientId,
            ["redirect_uri"] = RedirectUri(context.Request, provider.Name),
            ["scope"] = provider.Scopes,
            ["state"] = pending.State,
            ["nonce"] = pending.Nonce,
            ["code_challenge"] = SsoCorrelation.Challenge(pending.Verifier),
            ["code_challenge_method"] = "S256",
        });
    }

    public async Task<(User User, string ReturnUrl)> FinishAsync(HttpContext context, string name)
    {
        var cancellationToken = context.RequestAborted;
        var query = context.Request.Query;
        // Read (and so delete) the correlation cookie first: whatever happens next, it is spent.
        var pending = correlation.Take(context, name);
        var provider = await EnabledAsync(name, cancellationToken);
        if (pending is null)
        {
            throw new SsoRefusedException("correlation-missing: no pending sign-in in this browser (cookie absent, expired, forged or already used)");
        }
        if (query["state"].ToString() != pending.State)
        {
            throw new SsoRefusedException("state-mismatch: the state in the callback is not the one this browser was given");
        }
        if (query["error"].ToString() is { Length: > 0 } error)
        {
            throw new SsoRefusedException($"provider-error: {error} {query["error_description"]}".TrimEnd(),
                error == "access_denied" ? SsoRefusedException.Cancelled : SsoRefusedException.Failed);
        }
        if (query["code"].ToString() is not { Length: > 0 and <= 4096 } code)
        {
            throw new SsoRefusedException("code-missing: the callback has neither code nor error");
        }
        string? clientSecret = null;
        if (provider.ProtectedClientSecret is not null && (clientSecret = secrets.Open(provider.ProtectedClientSecret)) is null)
        {
            throw new SsoRefusedException("client-secret-unreadable: the data-protection key that sealed the client secret is gone; set the secret again");
        }
        var token = await exchange.RedeemAsync(provider, clientSecret, code, RedirectUri(context.Request, provider.Name), pending, cancellationToken);
        var user = await CompleteAsync(provider, token, cancellationToken);
        return (user, pending.ReturnUrl);
    }

    // A refused attempt leaves a record with the precise reason; nothing else of it is kept.
    public async Task RecordFailureAsync(string name, SsoRefusedException refused, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        audit.Record("signin.sso-failed", "IdentityProvider", name, null, new { reason = refused.Reason }, "ui");
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<User> CompleteAsync(IdentityProvider provider, JsonWebToken token, CancellationToken cancellationToken)
    {
        var definition = IdentityProviderDefinition.From(provider);
        var subject = token.Subject;
        var email = Claim(token, definition.EmailClaim)?.Trim().ToLowerInvariant();
        var emailUnverified = token.Claims.Any(c => c.Type == "email_verified" && string.Equals(c.Value, "false", StringComparison.OrdinalIgnoreCase));
        var now = time.StoredNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await db.SsoLinks.Include(l => l.User).SingleOrDefaultAsync(l => l.ProviderId == provider.Id && l.Subject == subject, cancellationToken);
        var user = link?.User;
        var how = "linked";
        if (user is null)
        {
            if (string.IsNullOrEmpty(email) || !email.Contains('@'))
            {
                throw new SsoRefusedException($"email-missing: the ID token for sub '{subject}' has no email in claim '{definition.EmailClaim}'", SsoRefusedException.NoAccount);
            }
            // An address the provider has not verified could be anyone's: never match or create by it.
            if (emailUnverified)
            {
                throw new SsoRefusedException($"email-unverified: the provider says '{email}' is not verified", SsoRefusedException.NoAccount);
            }
            user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
            how = user is null ? "created" : "linked-by-email";
            if (user is null && !definition.JitProvisioning)
            {
                throw new SsoRefusedException($"no-account: no Unyo account has email '{email}' and just-in-time provisioning is off", SsoRefusedException.NoAccount);
            }
            user ??= Create(email, Claim(token, definition.NameClaim), definition.JitRole, now);
            link = new SsoLink { ProviderId = provider.Id, Subject = subject, UserId = user.Id, CreatedAt = now };
            db.SsoLinks.Add(link);
        }
        if (user.Disabled)
        {
            throw new SsoRefusedException($"disabled: the account '{user.Email}' is disabled", SsoRefusedException.Disabled);
        }
        var groupClaims = token.Claims.Where(c => c.Type == definition.GroupsClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var missingTeams = await groups.ApplyAsync(user, definition, groupClaims, cancellationToken);
        user.LastSignInAt = now;
        link!.LastSignInAt = now;
        var record = audit.Record("signin.sso", "User", user.Email, null, new { provider = provider.Name, subject, account = how, missingTeams }, "ui");
        record.ActorId = user.Id;
        record.ActorEmail = user.Email;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    private User Create(string email, string? name, OrgRole role, DateTimeOffset now)
    {
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(name) ? email[..email.IndexOf('@')] : name.Trim()[..Math.Min(name.Trim().Length, 200)],
            // No password: the account signs in through its provider until an admin sets one.
            PasswordHash = "",
            Role = role,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = now,
        };
        db.Users.Add(user);
        audit.Record("user.create", "User", email, null, UserEndpoints.Snapshot(user), GroupSync.Source);
        return user;
    }

    private async Task<IdentityProvider> EnabledAsync(string name, CancellationToken cancellationToken) =>
        await db.IdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.Name == name && p.Enabled, cancellationToken)
        ?? throw new SsoRefusedException($"provider-unknown: no enabled identity provider is named '{name}'");

    private async Task<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration> DiscoverAsync(IdentityProvider provider, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await discovery.GetAsync(provider.Issuer, cancellationToken);
            return string.IsNullOrEmpty(configuration.AuthorizationEndpoint)
                ? throw new SsoRefusedException("discovery-failed: the discovery document has no authorization_endpoint")
                : configuration;
        }
        catch (Exception exception) when (exception is not (SsoRefusedException or OperationCanceledException))
        {
            throw new SsoRefusedException($"discovery-failed: {OidcDiscovery.MetadataAddress(provider.Issuer)}: {exception.GetBaseException().Message}");
        }
    }

    private static string? Claim(JsonWebToken token, string type) => token.Claims.FirstOrDefault(c => c.Type == type)?.Value;
}
