using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Incidents;
using Unyo.Features.StatusPages.Public;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages.Updates;

// `/api/v1/incidents/{id}/status-updates`: updates are published from the incident they are
// about, so the incident's visibility rule applies before anything else.
public static class StatusUpdateEndpoints
{
    public static async Task<Results<Ok<List<StatusUpdateResponse>>, ProblemHttpResult>> List(
        string id, UnyoDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, out var incidentId) || !await db.Incidents.VisibleTo(db, user).AnyAsync(i => i.Id == incidentId, cancellationToken))
        {
            return Problems.NotFound("Incident", id);
        }
        var updates = await db.StatusPageUpdates.AsNoTracking().Where(u => u.IncidentId == incidentId)
            .OrderByDescending(u => u.At).ThenByDescending(u => u.Id)
            .Select(u => new StatusUpdateResponse(u.Id, u.IncidentId, u.Page!.Name, u.Status.ToName(), u.Title, u.Message, u.At, u.By))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(updates);
    }

    public static async Task<Results<Created<List<StatusUpdateResponse>>, ValidationProblem, ProblemHttpResult>> Publish(
        string id, StatusUpdateRequest request, StatusUpdatePublisher publisher, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, out var incidentId))
        {
            return Problems.NotFound("Incident", id);
        }
        var errors = new ValidationErrors();
        var spec = StatusUpdateValidator.Validate(request, errors);
        if (spec is null)
        {
            return Problems.Validation(errors);
        }
        var outcome = await publisher.PublishAsync(incidentId, spec, user, cancellationToken);
        if (outcome.NotFound is { } missing)
        {
            return Problems.NotFound("Incident", id);
        }
        if (outcome.Forbidden is { } refusal)
        {
            return Problems.Forbidden(refusal);
        }
        return TypedResults.Created($"/api/v1/incidents/{incidentId}/status-updates",
            outcome.Updates!.Select(u => new StatusUpdateResponse(u.Id, u.IncidentId, u.Page!.Name, u.Status.ToName(), u.Title, u.Message, u.At, u.By)).ToList());
    }
}
