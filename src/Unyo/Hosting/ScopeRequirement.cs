using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Unyo.Hosting;

// An API token passes only if its scope is one of these; sessions always pass (their role
// decides). A refusal says which scope was sent and which would do (ForbiddenWithReason).
public sealed class ScopeRequirement(string policy, params string[] scopes) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> Scopes { get; } = scopes;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.FindFirstValue(Policies.TokenClaim) is null || Scopes.Contains(context.User.FindFirstValue(Policies.ScopeClaim)))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var scope = context.User.FindFirstValue(Policies.ScopeClaim);
        context.Fail(new AuthorizationFailureReason(this, scope == "ingest"
            ? "This is an ingest token: it only sends data to ingest endpoints."
            : $"This token's scope '{scope}' does not allow this {policy} endpoint; it needs one of {string.Join(", ", Scopes)}."));
        return Task.CompletedTask;
    }
}
