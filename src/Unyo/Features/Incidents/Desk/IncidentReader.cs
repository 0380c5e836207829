using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Incidents.Policy;

namespace Unyo.Features.Incidents.Desk;

// What the API and the pages show of incidents, always through IncidentVisibility.
public sealed class IncidentReader(UnyoDb db, IncidentPolicies policies)
{
    public sealed record ListFilter(IReadOnlyList<IncidentStatus> Statuses, int? Severity, string? Service, long? Before, int Take);

    public async Task<(List<IncidentResponse> Items, bool More)> ListAsync(ClaimsPrincipal user, ListFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Incidents.AsNoTracking().VisibleTo(db, user);
        if (filter.Statuses.Count > 0)
        {
            query = query.Where(i => filter.Statuses.Contains(i.Status));
        }
        if (filter.Severity is { } severity)
        {
            query = query.Where(i => i.Severity == severity);
        }
        if (filter.Service is { } service)
        {
            query = query.Where(i => db.IncidentImpacts.Any(x => x.IncidentId == i.Id && x.Service!.Name == service));
        }
        if (filter.Before is { } before)
        {
            query = query.Where(i => i.Id < before);
        }
        var incidents = await query.OrderByDescending(i => i.Id).Take(filter.Take + 1).ToListAsync(cancellationToken);
        var more = incidents.Count > filter.Take;
        return (await ResponsesAsync(incidents.Take(filter.Take).ToList(), cancellationToken), more);
    }

    public Task<bool> CanSeeAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        db.Incidents.VisibleTo(db, user).AnyAsync(i => i.Id == id, cancellationToken);

    public async Task<List<IncidentResponse>> ResponsesAsync(List<Incident> incidents, CancellationToken cancellationToken)
    {
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var ids = incidents.Select(i => i.Id).ToList();
        var services = (await db.IncidentImpacts.AsNoTracking().Where(x => ids.Contains(x.IncidentId)).Select(x => new { x.IncidentId, x.Service!.Name }).ToListAsync(cancellationToken))
            .ToLookup(x => x.IncidentId, x => x.Name);
        var commanders = await db.IncidentRoleAssignments.AsNoTracking().Where(a => ids.Contains(a.IncidentId) && a.Role == IncidentRole.Commander && a.EndedAt == null)
            .Select(a => new { a.IncidentId, a.User!.Email }).ToListAsync(cancellationToken);
        return [.. incidents.Select(i => new IncidentResponse(
            i.Id, i.Title, i.Severity, policy.Severity(i.Severity).Name, i.Status.Name(), i.Private, i.Source, i.DeclaredBy, i.DeclaredAt,
            i.DetectedAt, i.AcknowledgedAt, i.MitigatedAt, i.ResolvedAt, i.MergedIntoId,
            commanders.FirstOrDefault(c => c.IncidentId == i.Id)?.Email, [.. services[i.Id].Order(StringComparer.Ordinal)], i.Revision))];
    }

    public async Task<IncidentDetailResponse?> DetailAsync(long id, ClaimsPrincipal user, int? timelineLimit, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().VisibleTo(db, user).SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return null;
        }
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var assignments = await db.IncidentRoleAssignments.AsNoTracking().Where(a => a.IncidentId == id).OrderBy(a => a.Id)
            .Select(a => new IncidentRoleAssignmentResponse(a.Role, a.User!.Email, a.AssignedAt, a.AssignedBy, a.EndedAt, a.EndedBy)).ToListAsync(cancellationToken);
        var roles = policy.Roles.Select(r => (Role: r, Holder: assignments.LastOrDefault(a => a.Role == r.Key && a.EndedAt is null)))
            .Select(x => new IncidentRoleResponse(x.Role.Key, x.Role.Name, x.Role.Duties, x.Role.Required, x.Holder?.User, x.Holder?.AssignedAt)).ToList();
        var alerts = await db.IncidentAlerts.AsNoTracking().Where(l => l.IncidentId == id).OrderBy(l => l.AlertId)
            .Select(l => new { l.AlertId, l.Alert!.Summary, Service = l.Alert.Service!.Name, l.Alert.Status, l.Alert.FirstSeenAt, l.LinkedAt, l.LinkedBy }).ToListAsync(cancellationToken);
        var teams = await db.IncidentViewers.AsNoTracking().Where(v => v.IncidentId == id).Select(v => v.Team!.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        var timeline = await TimelineAsync(id, timelineLimit, cancellationToken);
        var warnings = roles.Where(r => r.Required && r.Holder is null && incident.Status != IncidentStatus.Resolved)
            .Select(r => $"Nobody is {r.Name}: someone should take the role.").ToList();
        return new IncidentDetailResponse(
            (await ResponsesAsync([incident], cancellationToken))[0], incident.Summary, roles, assignments,
            [.. alerts.Select(a => new IncidentAlertResponse(a.AlertId, a.Summary, a.Service, a.Status.ToString().ToLowerInvariant(), a.FirstSeenAt, a.LinkedAt, a.LinkedBy))],
            teams, timeline, warnings);
    }

    // Oldest first; with a limit, the latest entries (a long incident's page shows what is new).
    public async Task<List<IncidentTimelineEntryResponse>> TimelineAsync(long id, int? limit, CancellationToken cancellationToken)
    {
        var query = db.IncidentTimeline.AsNoTracking().Where(e => e.IncidentId == id);
        var entries = limit is { } take
            ? (await query.OrderByDescending(e => e.Id).Take(take).ToListAsync(cancellationToken)).AsEnumerable().Reverse().ToList()
            : await query.OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return [.. entries.Select(e => new IncidentTimelineEntryResponse(e.Id, e.At, KindName(e.Kind), e.Actor, e.Text, e.AlertId))];
    }

    public static string KindName(IncidentTimelineKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());
}
