using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Unyo.Hosting;

// For endpoints about the caller's own account (/me, its second factor, its tokens): a team
// token acts for a team, has no account, and is told where to look instead.
public sealed class PersonRequirement : AuthorizationHandler<PersonRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PersonRequirement requirement)
    {
        if (context.User.FindFirstValue(Policies.TeamClaim) is null)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var team = context.User.Identity?.Name?.Replace("team:", "", StringComparison.Ordinal);
        context.Fail(new AuthorizationFailureReason(this,
            $"This is a token of team '{team}', not of a person: it has no account of its own. See the team at /api/v1/teams/{team} and its tokens at /api/v1/teams/{team}/tokens."));
        return Task.CompletedTask;
    }
}
