using Unyo.Features.Accounts.Sessions;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sso;

// The browser's side of single sign-on: not API, so not in the OpenAPI document. Both routes
// end in a redirect: to the provider, back to where the person was going, or to /signin with
// a message.
public static class SsoEndpoints
{
    public static async Task<IResult> Start(string provider, string? returnUrl, HttpContext context, SsoSignIn sso)
    {
        context.Response.Headers.CacheControl = "no-store";
        try
        {
            return TypedResults.Redirect(await sso.StartAsync(context, Known(provider), returnUrl));
        }
        catch (SsoRefusedException refused)
        {
            return await RefusedAsync(sso, provider, refused, context);
        }
    }

    public static async Task<IResult> Callback(string provider, HttpContext context, SsoSignIn sso, WebSessions sessions)
    {
        context.Response.Headers.CacheControl = "no-store";
        try
        {
            var (user, returnUrl) = await sso.FinishAsync(context, Known(provider));
            // Unyo's own second factor does not apply: the identity provider owns the second factor.
            await sessions.StartAsync(context, user, $"oidc:{provider}");
            return TypedResults.LocalRedirect(returnUrl);
        }
        catch (SsoRefusedException refused)
        {
            return await RefusedAsync(sso, provider, refused, context);
        }
    }

    // Names outside the slug rule never reach cookies or queries.
    private static string Known(string provider) => Slugs.IsValid(provider)
        ? provider
        : throw new SsoRefusedException("provider-unknown: the name in the URL is not a provider slug");

    private static async Task<IResult> RefusedAsync(SsoSignIn sso, string provider, SsoRefusedException refused, HttpContext context)
    {
        await sso.RecordFailureAsync(provider, refused, context.RequestAborted);
        return TypedResults.LocalRedirect($"/signin?sso={refused.Shown}");
    }
}
