using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Unyo.TestOidc;

// An OpenID Connect provider on a loopback port: discovery, JWKS (an RSA key made at start),
// /authorize (approves User at once, or shows a "Continue as …" page when Interactive), and
// /token (checks client credentials, redirect_uri, the PKCE verifier and that each code is used
// once). Misbehave makes the next ID tokens wrong in one chosen way.
public sealed class TestOidcProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key-1" };
    private readonly RsaSecurityKey _rogueKey = new(RSA.Create(2048)) { KeyId = "rogue-key" };
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);

    private TestOidcProvider(WebApplication app, string clientId, string? clientSecret, string authMethod)
    {
        _app = app;
        ClientId = clientId;
        ClientSecret = clientSecret;
        AuthMethod = authMethod;
    }

    public string Issuer { get; private set; } = "";
    public string ClientId { get; }
    public string? ClientSecret { get; }
    // client_secret_basic or client_secret_post: the one method discovery offers and /token accepts.
    public string AuthMethod { get; }
    public TestUser User { get; set; } = new("sub-1", "person@example.test", "Test Person", []);
    public Misbehaviour Misbehave { get; set; }
    public bool Interactive { get; set; }
    // When set, /authorize answers with this error (for example access_denied) instead of a code.
    public string? DenyWith { get; set; }
    // What /token saw, for tests that check how Unyo authenticated and what it sent.
    public ConcurrentQueue<string> TokenRequests { get; } = new();
    public ConcurrentQueue<string> Refusals { get; } = new();
    public int JwksFetches { get; private set; }

    public static async Task<TestOidcProvider> StartAsync(string clientId = "unyo", string? clientSecret = "test-client-secret", string authMethod = "client_secret_basic")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var provider = new TestOidcProvider(app, clientId, clientSecret, authMethod);
        provider.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        provider.Issuer = address.TrimEnd('/');
        return provider;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { AuthMethod },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () =>
        {
            JwksFetches++;
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", Authorize);
        app.MapPost("/authorize/continue", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            return Approve(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
        });
        app.MapPost("/token", (Delegate)TokenAsync);
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var redirect = query.GetValueOrDefault("redirect_uri");
        if (query.GetValueOrDefault("client_id") != ClientId || string.IsNullOrEmpty(redirect))
        {
            return Refuse("authorize: unknown client or no redirect_uri");
        }
        if (query.GetValueOrDefault("response_type") != "code" || query.GetValueOrDefault("code_challenge_method") != "S256"
            || string.IsNullOrEmpty(query.GetValueOrDefault("code_challenge")) || !(query.GetValueOrDefault("scope") ?? "").Split(' ').Contains("openid"))
        {
            return Results.Redirect(QueryHelpers.AddQueryString(redirect, new Dictionary<string, string?> { ["error"] = "invalid_request", ["state"] = query.GetValueOrDefault("state") }));
        }
        if (DenyWith is not null)
        {
            return Results.Redirect(QueryHelpers.AddQueryString(redirect, new Dictionary<string, string?> { ["error"] = DenyWith, ["state"] = query.GetValueOrDefault("state") }));
        }
        if (!Interactive)
        {
            return Approve(query);
        }
        var fields = string.Concat(query.Select(q => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(q.Key)}\" value=\"{WebUtility.HtmlEncode(q.Value)}\">"));
        return Results.Content(
            $"<!doctype html><html><head><title>Test identity provider</title></head><body><h1>Test identity provider</h1>" +
            $"<form method=\"post\" action=\"/authorize/continue\">{fields}<button type=\"submit\">Continue as {WebUtility.HtmlEncode(User.Name)}</button></form></body></html>",
            "text/html; charset=utf-8");
    }

    private IResult Approve(IReadOnlyDictionary<string, string> request)
    {
        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new IssuedCode(request["redirect_uri"], request["code_challenge"], request.GetValueOrDefault("nonce"), User, Misbehave);
        return Results.Redirect(QueryHelpers.AddQueryString(request["redirect_uri"], new Dictionary<string, string?> { ["code"] = code, ["state"] = request.GetValueOrDefault("state") }));
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var (clientId, secret, method) = ClientCredentials(context.Request, form);
        TokenRequests.Enqueue($"{method} redirect_uri={form["redirect_uri"]} code_verifier={(form.ContainsKey("code_verifier") ? "sent" : "absent")}");
        if (clientId != ClientId || (ClientSecret is not null && (secret != ClientSecret || method != AuthMethod)))
        {
            return TokenError("invalid_client", $"token: client authentication failed ({method})", StatusCodes.Status401Unauthorized);
        }
        // One use per code: a replayed code is refused, as real providers do.
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var issued))
        {
            return TokenError("invalid_grant", "token: unknown or used code");
        }
        if (form["redirect_uri"] != issued.RedirectUri)
        {
            return TokenError("invalid_grant", "token: redirect_uri differs from the one authorized");
        }
        var verifier = form["code_verifier"].ToString();
        if (verifier.Length == 0 || WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != issued.Challenge)
        {
            return TokenError("invalid_grant", "token: PKCE verifier does not match the challenge");
        }
        return Results.Json(new { access_token = "opaque-access-token", token_type = "Bearer", expires_in = 300, id_token = IdToken(issued) });
    }

    private string IdToken(IssuedCode issued)
    {
        var now = TimeProvider.System.GetUtcNow();
        var misbehave = issued.Misbehave;
        var issuedAt = misbehave == Misbehaviour.Expired ? now.AddMinutes(-30) : now;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = misbehave == Misbehaviour.WrongIssuer ? "https://evil.example.test" : Issuer,
            ["sub"] = issued.User.Subject,
            ["aud"] = misbehave switch
            {
                Misbehaviour.WrongAudience => "someone-else",
                Misbehaviour.ExtraAudienceWithoutAzp => new[] { ClientId, "another-client" },
                _ => ClientId,
            },
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = issuedAt.AddMinutes(misbehave == Misbehaviour.Expired ? 10 : 5).ToUnixTimeSeconds(),
            ["email"] = issued.User.Email,
            ["name"] = issued.User.Name,
            ["groups"] = issued.User.Groups.ToArray(),
        };
        if (issued.User.EmailVerified is { } verified)
        {
            claims["email_verified"] = verified;
        }
        if (issued.Nonce is not null)
        {
            claims["nonce"] = misbehave == Misbehaviour.WrongNonce ? "not-the-nonce" : issued.Nonce;
        }
        var key = misbehave == Misbehaviour.UnknownKey ? _rogueKey : _key;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static (string? ClientId, string? Secret, string Method) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length == 2 ? Uri.UnescapeDataString(pair[1]) : null, "client_secret_basic");
        }
        return form.ContainsKey("client_secret")
            ? (form["client_id"].ToString(), form["client_secret"].ToString(), "client_secret_post")
            : (form["client_id"].ToString(), null, "none");
    }

    private IResult Refuse(string why)
    {
        Refusals.Enqueue(why);
        return Results.BadRequest(why);
    }

    private IResult TokenError(string error, string why, int status = StatusCodes.Status400BadRequest)
    {
        Refusals.Enqueue(why);
        return Results.Json(new { error, error_description = why }, statusCode: status);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record IssuedCode(string RedirectUri, string Challenge, string? Nonce, TestUser User, Misbehaviour Misbehave);
}
