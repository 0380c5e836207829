using Microsoft.AspNetCore.Authentication.Cookies;

namespace Unyo.Features.Accounts.Mfa;

// When the organisation requires a second factor of someone who has none, their browser session
// reaches only the enrolment page (and sign-out) until they enrol. The cookie handler marks such
// sessions (AccountsModule re-reads the user on every request). API tokens are not held back: a
// token is issued to a person already signed in, and automation cannot type codes.
public static class MfaEnrolmentGate
{
    public const string Claim = "unyo:mfa";
    public const string MustEnrol = "enrol";
    public const string EnrolmentPath = "/account/two-factor";

    public static IApplicationBuilder UseMfaEnrolmentGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(Claim, MustEnrol)
            && context.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme
            && !Allowed(context.Request.Path))
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Two-factor authentication is required.",
                    detail: $"Your organisation requires a second factor. Set it up at {EnrolmentPath} first.").ExecuteAsync(context);
                return;
            }
            context.Response.Redirect(EnrolmentPath);
            return;
        }
        await next(context);
    });

    private static bool Allowed(PathString path) =>
        path.StartsWithSegments(EnrolmentPath) || path.StartsWithSegments("/api/v1/me/mfa")
        || path.StartsWithSegments("/signout") || path.StartsWithSegments("/signin");
}
