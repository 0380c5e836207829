using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts.Actions;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Api;

// `POST /api/v1/alerts/acknowledge`: the inbox's bulk acknowledge. Each alert is acknowledged in
// its own transaction, as one by one, and the answer says what became of each: a selection that
// mixes teams acknowledges what the caller may and says which it may not.
public static class BulkAcknowledgeEndpoint
{
    public const int MaxIds = 500;

    public static async Task<Results<Ok<BulkAcknowledgeResponse>, ValidationProblem>> Acknowledge(
        BulkAcknowledgeRequest request, AlertAccess access, AlertActions actions, UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Ids is not { Count: > 0 } asked)
        {
            return Problems.Validation("ids", "is required: the ids of the alerts to acknowledge.");
        }
        if (asked.Count > MaxIds)
        {
            return Problems.Validation("ids", $"at most {MaxIds} alerts at once (got {asked.Count}).");
        }
        var ids = asked.Distinct().ToList();
        var teams = await db.Alerts.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Service!.TeamId }).ToDictionaryAsync(a => a.Id, a => a.TeamId, cancellationToken);
        var mayAct = new Dictionary<Guid, bool>();
        var actor = AlertAccess.Actor(user);
        var results = new List<BulkAlertResult>(ids.Count);
        foreach (var id in ids)
        {
            if (!teams.TryGetValue(id, out var team))
            {
                results.Add(new BulkAlertResult(id, "notFound", null, "There is no alert with this id."));
                continue;
            }
            if (!mayAct.TryGetValue(team, out var allowed))
            {
                mayAct[team] = allowed = await access.CanActAsync(user, team, cancellationToken);
            }
            if (!allowed)
            {
                results.Add(new BulkAlertResult(id, "forbidden", null, "Only members of the team that owns its service (or admins) can act on it."));
                continue;
            }
            var (outcome, alert) = await actions.ApplyAsync(id, AlertActionKind.Acknowledge, actor, cancellationToken);
            results.Add(outcome switch
            {
                AlertActions.Outcome.Done => new BulkAlertResult(id, "acknowledged", AlertViews.Name(alert!.Status), null),
                AlertActions.Outcome.NotFound => new BulkAlertResult(id, "notFound", null, "There is no alert with this id."),
                _ => new BulkAlertResult(id, "unchanged", AlertViews.Name(alert!.Status), $"Already {AlertViews.Name(alert.Status)}."),
            });
        }
        return TypedResults.Ok(new BulkAcknowledgeResponse(results));
    }
}
