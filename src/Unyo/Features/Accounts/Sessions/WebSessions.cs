using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Unyo.Features.Accounts.Sessions;

// Starts and ends a person's browser session. Every way of signing in (password, single sign-on)
// ends here once the person is proven, so sessions are recorded and limited in one place.
public sealed class WebSessions
{
    // method: how the person proved who they are, for example "password" or "oidc:corp".
    public async Task StartAsync(HttpContext context, User user, string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var identity = UserPrincipal.Identity(user, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    public Task EndAsync(HttpContext context) =>
        context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}
