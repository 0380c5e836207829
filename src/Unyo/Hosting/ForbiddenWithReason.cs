using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Unyo.Hosting;

// A 403 from a policy says why when a requirement gave a reason (a token's scope, a team token
// on a person's endpoint); role refusals keep the schemes' own "Your role does not allow this".
public sealed class ForbiddenWithReason : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).Distinct().ToList() ?? [];
        if (authorizeResult.Forbidden && context.RequestServices.GetService<IAccessRefusals>() is { } refusals)
        {
            await refusals.RefusedAsync(context, Refusal(context.User, reasons));
        }
        if (authorizeResult.Forbidden && reasons.Count > 0 && context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: string.Join(" ", reasons)).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    // Names the token by its prefix, or the person by their email; a role refusal gives no
    // reason of its own.
    private static AccessRefusal Refusal(ClaimsPrincipal user, List<string> reasons)
    {
        var reason = reasons.Count > 0 ? string.Join(" ", reasons) : "the caller's role does not allow this";
        return user.FindFirstValue(Policies.TokenPrefixClaim) is { } prefix
            ? new AccessRefusal("auth.forbidden", "ApiToken", prefix, reason)
            : new AccessRefusal("auth.forbidden", "User", user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "(unknown)", reason);
    }
}
