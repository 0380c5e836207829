using System.Security.Claims;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Hosting;

namespace Unyo.Features.Deploys;

// A policy has no owner of its own: it belongs to the teams of the services it governs, as an SLO
// belongs to its service's team. Whoever may change every service a change touches (before and
// after) may make it; the organisation default governs everyone's services, so only admins.
public static class ErrorBudgetPolicyAccess
{
    // Null when allowed; otherwise why not. Unknown services are left to the write, which names them.
    public static async Task<string?> RefusalAsync(
        this TeamAccess access, UnyoDb db, ClaimsPrincipal user, IEnumerable<(bool IsDefault, IReadOnlyList<string> Services)> touched, CancellationToken cancellationToken)
    {
        var states = touched.ToList();
        if (states.Any(s => s.IsDefault) && !user.IsAdmin())
        {
            return "Only admins can set, change or delete the organisation default policy: it governs every team's services.";
        }
        foreach (var service in states.SelectMany(s => s.Services).Distinct(StringComparer.Ordinal))
        {
            if (await access.ForServiceAsync(db, user, service, cancellationToken) is { Allowed: false } owner)
            {
                return $"Only members of team '{owner.Team}' (or admins) can put service '{service}' under a policy, change its policy or take it out.";
            }
        }
        return null;
    }
}
