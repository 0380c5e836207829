using System.Security.Claims;
using Unyo.Data;
using Unyo.Features.Accounts;

namespace Unyo.Features.OnCall.Escalation;

// A policy belongs to its team: its members and admins change it.
public static class EscalationPolicyAccess
{
    public static Task<string?> PolicyRefusalAsync(this TeamAccess access, UnyoDb db, ClaimsPrincipal user, string? teamBefore, string? teamAfter, CancellationToken cancellationToken) =>
        access.TeamOwnedRefusalAsync(db, user, teamBefore, teamAfter, "escalation policies", cancellationToken);
}
