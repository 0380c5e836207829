using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Data;

namespace Unyo.Features.OnCall.Personal;

// `/api/v1/users/{email}/notification-rules`: read, or replace the whole set.
public static class NotificationRuleEndpoints
{
    public static async Task<Results<Ok<NotificationRulesResponse>, ProblemHttpResult>> Get(
        string email, NotificationRuleSet rules, UnyoDb db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (user, refusal) = await PersonalAccess.ResolveAsync(db, caller, email, cancellationToken);
        return user is null ? refusal! : TypedResults.Ok(await rules.ReadAsync(user.Id, cancellationToken));
    }

    public static async Task<Results<Ok<NotificationRulesResponse>, ProblemHttpResult>> Replace(
        string email, NotificationRulesRequest request, NotificationRuleSet rules, UnyoDb db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (user, refusal) = await PersonalAccess.ResolveAsync(db, caller, email, cancellationToken);
        return user is null ? refusal! : TypedResults.Ok(await rules.ReplaceAsync(user, request, "api", cancellationToken));
    }
}
