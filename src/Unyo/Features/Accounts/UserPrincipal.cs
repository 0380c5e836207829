using System.Security.Claims;
using Unyo.Features.Accounts.Sessions;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

public static class UserPrincipal
{
    // sessionId: the browser session (WebSessions) the identity belongs to; tokens have none.
    public static ClaimsIdentity Identity(User user, string scheme, Guid? sessionId = null)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.DisplayName),
                new Claim(ClaimTypes.Email, user.Email),
                new Claim(ClaimTypes.Role, user.Role.ToName()),
                new Claim(Policies.StampClaim, user.SecurityStamp),
            ],
            scheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
        if (sessionId is { } id)
        {
            identity.AddClaim(new Claim(WebSessions.Claim, id.ToString()));
        }
        return identity;
    }
}
