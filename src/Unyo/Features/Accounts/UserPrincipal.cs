using System.Security.Claims;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

public static class UserPrincipal
{
    public static ClaimsIdentity Identity(User user, string scheme) => new(
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
}
