using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Unyo.Features.Accounts.Sso;

// Redeems an authorization code at the provider's token endpoint and validates the ID token it
// returns (OpenID Connect Core 3.1.3.7): signature against the provider's keys, issuer,
// audience and authorized party, lifetime, and the nonce this browser was given.
public sealed class OidcCodeExchange(OidcDiscovery discovery, TimeProvider time)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<JsonWebToken> RedeemAsync(IdentityProvider provider, string? clientSecret, string code, string redirectUri, SsoCorrelation.Pending pending, CancellationToken cancellationToken)
    {
        var configuration = await DiscoverAsync(provider.Issuer, cancellationToken);
        var idToken = await ExchangeAsync(configuration, provider, clientSecret, code, redirectUri, pending.Verifier, cancellationToken);
        var result = await Handler.ValidateTokenAsync(idToken, Parameters(provider, configuration));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key we have not seen: the provider may have rotated its keys. Read them once more.
            var fresh = await RefetchAsync(provider.Issuer, cancellationToken);
            result = await Handler.ValidateTokenAsync(idToken, Parameters(provider, fresh));
        }
        if (!result.IsValid)
        {
            throw new SsoRefusedException($"id-token-invalid: {Describe(result.Exception)}");
        }
        var token = (JsonWebToken)result.SecurityToken;
        CheckLifetime(token);
        CheckAuthorizedParty(token, provider.ClientId);
        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || nonce != pending.Nonce)
        {
            throw new SsoRefusedException("id-token-invalid: nonce does not match the one this browser was given");
        }
        if (string.IsNullOrEmpty(token.Subject))
        {
            throw new SsoRefusedException("id-token-invalid: sub is missing");
        }
        return token;
    }

    private async Task<OpenIdConnectConfiguration> DiscoverAsync(string issuer, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await discovery.GetAsync(issuer, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new SsoRefusedException($"discovery-failed: {OidcDiscovery.MetadataAddress(issuer)}: {exception.GetBaseException().Message}");
        }
        // Discovery 4.3: the document must name the issuer it was fetched for, exactly.
        if (configuration.Issuer != issuer)
        {
            throw new SsoRefusedException($"discovery-issuer-mismatch: the discovery document names issuer '{configuration.Issuer}', the provider is configured with '{issuer}'");
        }
        return configuration;
    }

    private async Task<OpenIdConnectConfiguration> RefetchAsync(string issuer, CancellationToken cancellationToken)
    {
        try
        {
            return await discovery.FetchFreshAsync(issuer, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new SsoRefusedException($"discovery-failed: refetching keys: {exception.GetBaseException().Message}");
        }
    }

    private async Task<string> ExchangeAsync(OpenIdConnectConfiguration configuration, IdentityProvider provider, string? clientSecret, string code, string redirectUri, string verifier, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(configuration.TokenEndpoint))
        {
            throw new SsoRefusedException("discovery-failed: the discovery document has no token_endpoint");
        }
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint);
        if (clientSecret is null)
        {
            form["client_id"] = provider.ClientId;
        }
        else if (UsesBasic(configuration))
        {
            // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
            var credentials = $"{Uri.EscapeDataString(provider.ClientId)}:{Uri.EscapeDataString(clientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
        }
        else
        {
            form["client_id"] = provider.ClientId;
            form["client_secret"] = clientSecret;
        }
        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await discovery.Http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SsoRefusedException($"token-exchange-failed: {(int)response.StatusCode} {Excerpt(body)}");
            }
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("id_token", out var idToken) && idToken.ValueKind == JsonValueKind.String
                ? idToken.GetString()!
                : throw new SsoRefusedException("token-exchange-failed: the token response has no id_token");
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SsoRefusedException($"token-exchange-failed: {exception.GetBaseException().Message}");
        }
    }

    // client_secret_basic is the default when the provider lists no methods (Discovery 3).
    private static bool UsesBasic(OpenIdConnectConfiguration configuration) =>
        configuration.TokenEndpointAuthMethodsSupported.Count == 0
        || configuration.TokenEndpointAuthMethodsSupported.Contains("client_secret_basic")
        || !configuration.TokenEndpointAuthMethodsSupported.Contains("client_secret_post");

    private TokenValidationParameters Parameters(IdentityProvider provider, OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = provider.Issuer,
        ValidAudience = provider.ClientId,
        IssuerSigningKeys = configuration.SigningKeys,
        RequireSignedTokens = true,
        // Lifetime is checked in CheckLifetime, against TimeProvider rather than the system clock.
        ValidateLifetime = false,
    };

    private void CheckLifetime(JsonWebToken token)
    {
        var now = time.GetUtcNow();
        if (!token.TryGetPayloadValue<long>("exp", out var expires))
        {
            throw new SsoRefusedException("id-token-invalid: exp is missing");
        }
        if (DateTimeOffset.FromUnixTimeSeconds(expires).Add(ClockSkew) < now)
        {
            throw new SsoRefusedException($"id-token-invalid: expired at {DateTimeOffset.FromUnixTimeSeconds(expires):O}");
        }
        if (token.TryGetPayloadValue<long>("nbf", out var notBefore) && DateTimeOffset.FromUnixTimeSeconds(notBefore) > now.Add(ClockSkew))
        {
            throw new SsoRefusedException("id-token-invalid: not valid yet (nbf)");
        }
        if (!token.TryGetPayloadValue<long>("iat", out var issuedAt) || DateTimeOffset.FromUnixTimeSeconds(issuedAt) > now.Add(ClockSkew))
        {
            throw new SsoRefusedException("id-token-invalid: iat is missing or in the future");
        }
    }

    // Core 3.1.3.7 (4, 5): with several audiences azp must be present; when present it must be us.
    private static void CheckAuthorizedParty(JsonWebToken token, string clientId)
    {
        var hasAzp = token.TryGetPayloadValue<string>("azp", out var azp);
        if (token.Audiences.Count() > 1 && !hasAzp)
        {
            throw new SsoRefusedException("id-token-invalid: several audiences and no azp");
        }
        if (hasAzp && azp != clientId)
        {
            throw new SsoRefusedException($"id-token-invalid: azp '{azp}' is not this client");
        }
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenSignatureKeyNotFoundException => "signed with a key the provider does not publish",
        SecurityTokenInvalidSignatureException => "signature does not verify",
        SecurityTokenInvalidIssuerException => "issuer is not the configured one",
        SecurityTokenInvalidAudienceException => "audience is not this client",
        null => "unknown",
        _ => exception.GetType().Name,
    };

    private static string Excerpt(string body) => body.Length <= 200 ? body : body[..200];
}
