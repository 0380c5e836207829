using System.Security.Claims;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// A team token's principal: the team's service account. It has the member role, so it may do
// what a member of the team may do (TeamAccess knows it by its team claim) and never admin; it
// has no user id, so nothing mistakes it for a person.
public static class TeamPrincipal
{
    public static string NameOf(Team team) => $"team:{team.Name}";

    public static ClaimsIdentity Identity(Team team, string scheme) => new(
        [
            new Claim(ClaimTypes.Name, NameOf(team)),
            new Claim(ClaimTypes.Role, OrgRole.Member.ToName()),
            new Claim(Policies.TeamClaim, team.Id.ToString()),
        ],
        scheme,
        ClaimTypes.Name,
        ClaimTypes.Role);
}
