using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Unyo.Features.Accounts.Sso;

// Remembers, between the redirect to the provider and its callback, what only this browser may
// know: state, nonce, the PKCE verifier and where to go afterwards. It travels in an HttpOnly
// cookie sealed with Data Protection, names its provider, lasts 10 minutes, and is deleted when
// the callback reads it, so a callback cannot be replayed.
public sealed class SsoCorrelation(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("Unyo.Sso.Correlation");

    public sealed record Pending(string Provider, string State, string Nonce, string Verifier, string ReturnUrl, long ExpiresAt);

    public static string CookieName(string provider) => $"unyo.sso.{provider}";

    public Pending Begin(HttpContext context, string provider, string returnUrl)
    {
        var pending = new Pending(provider, Random(), Random(), Random(), returnUrl, time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds());
        context.Response.Cookies.Append(CookieName(provider), _protector.Protect(JsonSerializer.Serialize(pending)), Options(context, provider, time.GetUtcNow().Add(Lifetime)));
        return pending;
    }

    // The pending sign-in for this provider, or null (no cookie, forged, expired or for another
    // provider). The cookie is deleted in every case.
    public Pending? Take(HttpContext context, string provider)
    {
        var sealedText = context.Request.Cookies[CookieName(provider)];
        if (sealedText is null)
        {
            return null;
        }
        context.Response.Cookies.Delete(CookieName(provider), Options(context, provider, null));
        try
        {
            var pending = JsonSerializer.Deserialize<Pending>(_protector.Unprotect(sealedText));
            return pending is not null && pending.Provider == provider && pending.ExpiresAt >= time.GetUtcNow().ToUnixTimeSeconds() ? pending : null;
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    // RFC 7636: the challenge is the SHA-256 of the verifier, base64url without padding.
    public static string Challenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string Random() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    // Lax: the provider sends the browser back with a top-level GET from its own site, which Lax
    // cookies accompany; Strict ones would not.
    private static CookieOptions Options(HttpContext context, string provider, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = $"/signin/sso/{provider}",
        Expires = expires,
        IsEssential = true,
    };
}
