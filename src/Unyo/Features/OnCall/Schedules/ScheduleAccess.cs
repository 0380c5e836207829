using System.Security.Claims;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Schedules;

// A schedule belongs to its team: its members and admins change it and its overrides.
public static class ScheduleAccess
{
    public static Task<string?> ScheduleRefusalAsync(this TeamAccess access, UnyoDb db, ClaimsPrincipal user, string? teamBefore, string? teamAfter, CancellationToken cancellationToken) =>
        access.TeamOwnedRefusalAsync(db, user, teamBefore, teamAfter, "schedules and their overrides", cancellationToken);
}
