using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Api;

// Who may act on an alert: admins and owners, and members of the team that owns its service
// (or that team's tokens), as for the team's silences and integrations. Anyone who may read may look.
public sealed class AlertAccess(UnyoDb db, TeamAccess access)
{
    // The alert's id when it exists and the caller may act on it; otherwise the problem to answer.
    public async Task<(long Id, ProblemHttpResult? Problem)> CheckAsync(string id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!ParseId(id, out var alertId))
        {
            return (0, NotFound(id));
        }
        var teamId = await db.Alerts.Where(a => a.Id == alertId).Select(a => (Guid?)a.Service!.TeamId).SingleOrDefaultAsync(cancellationToken);
        if (teamId is null)
        {
            return (0, NotFound(id));
        }
        return await access.CanChangeAsync(user, teamId.Value, cancellationToken)
            ? (alertId, null)
            : (alertId, Problems.Forbidden($"Only members of the team that owns alert #{alertId}'s service (or admins) can act on it."));
    }

    public Task<bool> CanActAsync(ClaimsPrincipal user, Guid teamId, CancellationToken cancellationToken) => access.CanChangeAsync(user, teamId, cancellationToken);

    public static bool ParseId(string id, out long alertId) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out alertId) && alertId > 0;

    public static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Alert not found.", detail: $"There is no alert with id '{id}'.");

    // How the timeline and the audit log name the caller: a person's email, or "team:<name>" for a team token.
    public static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown";
}
