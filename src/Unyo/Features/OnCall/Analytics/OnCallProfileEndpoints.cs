using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Analytics;

// `GET|PUT /api/v1/users/{email}/oncall-profile`; `{email}` may be `me`. Everyone signed in reads
// (analytics show everyone's zone anyway); a person writes their own, admins anyone's.
public static class OnCallProfileEndpoints
{
    public static async Task<Results<Ok<OnCallProfileResponse>, ProblemHttpResult>> Get(string email, OnCallProfiles profiles, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var user = await profiles.FindUserAsync(email, caller, cancellationToken);
        return user is null ? Problems.NotFound("User", email) : TypedResults.Ok(await profiles.GetAsync(user, cancellationToken));
    }

    public static async Task<Results<Ok<OnCallProfileResponse>, ProblemHttpResult>> Put(
        string email, OnCallProfileRequest request, OnCallProfiles profiles, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var user = await profiles.FindUserAsync(email, caller, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound("User", email);
        }
        if (user.Id != caller.UserId() && !caller.IsAdmin())
        {
            return Problems.Forbidden("Only the person themselves or an admin may change an on-call profile.");
        }
        return TypedResults.Ok(await profiles.PutAsync(user, request, ManagedBy.Api.ToName(), cancellationToken));
    }
}
