using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Personal;

// Whose contact methods and rules a request is about: `{email}` or `me`. Phone numbers and
// personal webhook URLs are personal data, so only the person and admins get past here.
public static class PersonalAccess
{
    public const string Me = "me";

    public static async Task<(User? User, ProblemHttpResult? Refusal)> ResolveAsync(UnyoDb db, ClaimsPrincipal caller, string email, CancellationToken cancellationToken)
    {
        var self = caller.UserId();
        var address = email.Trim().ToLowerInvariant();
        var user = address == Me
            ? await db.Users.SingleOrDefaultAsync(u => u.Id == self, cancellationToken)
            : await db.Users.SingleOrDefaultAsync(u => u.Email == address, cancellationToken);
        if (user is not null && user.Id == self)
        {
            return (user, null);
        }
        // A non-admin learns nothing about whether the account exists: the same 403 either way.
        if (!caller.IsAdmin())
        {
            return (null, Problems.Forbidden($"Only {email} and admins may see or change {email}'s contact methods and notification rules: they are personal data."));
        }
        return user is null ? (null, Problems.NotFound("User", email)) : (user, null);
    }
}
