using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Unyo.Client;
using Unyo.Features.Incidents.Desk;
using Unyo.Hosting;

namespace Unyo.Features.Incidents;

// /api/v1/incidents. Anyone who may write may work an incident they can see: an incident crosses
// team lines, and the people who help are not always its services' owners. A private incident is
// "not found" to those who may not see it.
public static class IncidentEndpoints
{
    public static async Task<Results<Ok<Page<IncidentResponse>>, ValidationProblem>> List(
        IncidentReader reader, ClaimsPrincipal user, string? status, int? severity, string? service, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (take, after) = Cursor.Read(cursor, limit, errors);
        var statuses = new List<IncidentStatus>();
        foreach (var text in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IncidentStatuses.Parse(text) is { } parsed)
            {
                statuses.Add(parsed);
            }
            else
            {
                errors.Add("status", $"'{text}' is not a status: use investigating, identified, monitoring or resolved (comma-separated).");
            }
        }
        IncidentFields.Severity(severity, "severity", required: false, errors);
        long? before = null;
        if (after is not null)
        {
            before = long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
            if (before is null)
            {
                errors.Add("cursor", "is not a cursor this server issued.");
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }
        var (items, more) = await reader.ListAsync(user, new IncidentReader.ListFilter(statuses, severity, service, before, take), cancellationToken);
        return TypedResults.Ok(new Page<IncidentResponse>(items, more ? Cursor.Encode(items[^1].Id.ToString(CultureInfo.InvariantCulture)) : null));
    }

    public static async Task<Results<Ok<IncidentDetailResponse>, ProblemHttpResult>> Get(string id, IncidentReader reader, ClaimsPrincipal user, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!TryId(id, out var incidentId) || await reader.DetailAsync(incidentId, user, null, cancellationToken) is not { } detail)
        {
            return NotFound(id);
        }
        ETags.Set(response, detail.Incident.Revision);
        return TypedResults.Ok(detail);
    }

    public static async Task<Results<Created<IncidentDetailResponse>, ValidationProblem>> Declare(
        DeclareIncidentRequest? request, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.Validation("body", "is required: title and severity at least.");
        }
        if (request.Source is not (null or "api" or "cli"))
        {
            return Problems.Validation("source", "is api (the default) or cli.");
        }
        var actor = IncidentActor.From(user);
        var declaration = await desk.ReadAsync(request, actor, request.Source ?? "api", cancellationToken);
        var incident = await desk.DeclareAsync(declaration, actor, cancellationToken);
        var detail = (await reader.DetailAsync(incident.Id, user, null, cancellationToken))!;
        return TypedResults.Created($"/api/v1/incidents/{incident.Id}", detail);
    }

    public static Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> Update(string id, UpdateIncidentRequest? request, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        ActAsync(id, desk, reader, user, http, (incident, actor) => desk.UpdateAsync(incident, request ?? new UpdateIncidentRequest(), actor, cancellationToken), cancellationToken);

    public static Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> Resolve(string id, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        ActAsync(id, desk, reader, user, http, (incident, actor) => desk.ResolveAsync(incident, actor, cancellationToken), cancellationToken);

    public static async Task<Results<Created<IncidentTimelineEntryResponse>, ProblemHttpResult>> AddNote(string id, IncidentNoteRequest? request, IncidentDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!TryId(id, out var incidentId) || await desk.FindAsync(incidentId, user, cancellationToken) is not { } incident)
        {
            return NotFound(id);
        }
        var entry = await desk.AddNoteAsync(incident, request ?? new IncidentNoteRequest(), IncidentActor.From(user), cancellationToken);
        return TypedResults.Created($"/api/v1/incidents/{incidentId}", new IncidentTimelineEntryResponse(entry.Id, entry.At, IncidentReader.KindName(entry.Kind), entry.Actor, entry.Text, null));
    }

    public static Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> AssignRole(string id, string role, AssignIncidentRoleRequest? request, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        ActAsync(id, desk, reader, user, http, (incident, actor) => desk.AssignRoleAsync(incident, role, request?.User, actor, cancellationToken), cancellationToken);

    public static Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> EndRole(string id, string role, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        ActAsync(id, desk, reader, user, http, (incident, actor) => desk.EndRoleAsync(incident, role, actor, cancellationToken), cancellationToken);

    public static Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> AddService(string id, IncidentServiceRequest? request, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        ActAsync(id, desk, reader, user, http, (incident, actor) => desk.AddServiceAsync(incident, request?.Service, actor, cancellationToken), cancellationToken);

    public static Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> RemoveService(string id, string service, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        ActAsync(id, desk, reader, user, http, async (incident, actor) =>
        {
            if (!await desk.RemoveServiceAsync(incident, service, actor, cancellationToken))
            {
                throw new RequestValidationException(new ValidationErrors().Add("service", $"service '{service}' is not listed on incident #{incident.Id}."), StatusCodes.Status404NotFound, "Not an impacted service.");
            }
        }, cancellationToken);

    public static Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> LinkAlert(string id, IncidentAlertRequest? request, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        ActAsync(id, desk, reader, user, http, (incident, actor) => desk.LinkAlertAsync(incident, request ?? new IncidentAlertRequest(), actor, cancellationToken), cancellationToken);

    public static Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> UnlinkAlert(string id, string alert, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        ActAsync(id, desk, reader, user, http, async (incident, actor) =>
        {
            if (!long.TryParse(alert, NumberStyles.None, CultureInfo.InvariantCulture, out var alertId) || !await desk.UnlinkAlertAsync(incident, alertId, actor, cancellationToken))
            {
                throw new RequestValidationException(new ValidationErrors().Add("alert", $"alert '{alert}' is not linked to incident #{incident.Id}."), StatusCodes.Status404NotFound, "Not a linked alert.");
            }
        }, cancellationToken);

    public static Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> Merge(string id, MergeIncidentRequest? request, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        ActAsync(id, desk, reader, user, http, async (incident, actor) =>
        {
            if (request?.Into is not { } into || await desk.FindAsync(into, user, cancellationToken) is not { } target)
            {
                throw new RequestValidationException(new ValidationErrors().Add("into", request?.Into is null ? "is required: the id of the incident that carries on." : $"there is no incident #{request.Into}."));
            }
            await desk.MergeAsync(incident, target, actor, cancellationToken);
        }, cancellationToken);

    public static Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> SetVisibility(string id, IncidentVisibilityRequest? request, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        ActAsync(id, desk, reader, user, http, (incident, actor) => desk.SetVisibilityAsync(incident, request ?? new IncidentVisibilityRequest(), actor, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult>> ActAsync(
        string id, IncidentDesk desk, IncidentReader reader, ClaimsPrincipal user, HttpContext http, Func<Incident, IncidentActor, Task> work, CancellationToken cancellationToken)
    {
        if (!TryId(id, out var incidentId) || await desk.FindAsync(incidentId, user, cancellationToken) is not { } incident)
        {
            return NotFound(id);
        }
        if (!ETags.Matches(http.Request, incident.Revision))
        {
            return Problems.PreconditionFailed(ETags.For(incident.Revision));
        }
        await work(incident, IncidentActor.From(user));
        ETags.Set(http.Response, incident.Revision);
        return TypedResults.Ok((await reader.ResponsesAsync([incident], cancellationToken))[0]);
    }

    public static bool TryId(string id, out long incidentId) =>
        long.TryParse(id.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out incidentId) && incidentId > 0;

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Incident not found.", detail: $"There is no incident '{id}' that you may see.");
}
