using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;

namespace Unyo.Features.OnCall.Escalation;

// `GET /api/v1/alerts/{id}/escalations`: where an alert is in its escalation policies, and who was paged.
public static class AlertEscalationEndpoints
{
    public static async Task<Results<Ok<List<EscalationResponse>>, ProblemHttpResult>> List(string id, UnyoDb db, CancellationToken cancellationToken)
    {
        // Like the other alert endpoints: a malformed id is an alert that does not exist.
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var alertId)
            || !await db.Alerts.AnyAsync(a => a.Id == alertId, cancellationToken))
        {
            return Hosting.Problems.NotFound("Alert", id);
        }
        return TypedResults.Ok(await ForAlertAsync(db, alertId, cancellationToken));
    }

    public static async Task<List<EscalationResponse>> ForAlertAsync(UnyoDb db, long alertId, CancellationToken cancellationToken)
    {
        var escalations = await db.AlertEscalations.AsNoTracking().Where(e => e.AlertId == alertId)
            .Select(e => new { Escalation = e, Policy = e.Policy!.Name }).OrderBy(e => e.Escalation.StartedAt).ToListAsync(cancellationToken);
        var pages = await db.EscalationPages.AsNoTracking().Where(p => p.AlertId == alertId).OrderBy(p => p.At).ThenBy(p => p.Id)
            .Select(p => new { Page = p, Person = new OnCallPersonResponse(p.UserId, p.User!.Email, p.User.DisplayName) }).ToListAsync(cancellationToken);
        var responses = escalations.Select(e => new EscalationResponse(
            e.Policy, e.Escalation.Status.ToString().ToLowerInvariant(), e.Escalation.Level + 1, e.Escalation.Round + 1, e.Escalation.NextAt, e.Escalation.StartedAt, e.Escalation.StoppedAt,
            [.. pages.Where(p => p.Page.EscalationId == e.Escalation.Id).Select(p => ToResponse(p.Page, p.Person))])).ToList();
        var reassigned = pages.Where(p => p.Page.EscalationId is null).ToList();
        if (reassigned.Count > 0)
        {
            responses.Add(new EscalationResponse("(reassigned)", "reassigned", 0, 1, null, reassigned[0].Page.At, null, [.. reassigned.Select(p => ToResponse(p.Page, p.Person))]));
        }
        return responses;
    }

    private static EscalationPageResponse ToResponse(EscalationPage page, OnCallPersonResponse person) =>
        new(person, page.Level + 1, page.Round + 1, page.Via, page.At);
}
