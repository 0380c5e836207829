using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Features.Incidents.Policy;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Desk;

// Everything that changes an incident, for the API, the pages, the CLI and the auto-declare
// rules alike: each change bumps the revision, lands on the timeline and in the audit log, and
// commits with them or not at all.
public sealed partial class IncidentDesk(UnyoDb db, IncidentPolicies policies, AuditLog audit, TimeProvider time)
{
    public const string Kind = "Incident";

    // Checks a request and resolves its names; field errors name what is wrong.
    public async Task<Declaration> ReadAsync(DeclareIncidentRequest request, IncidentActor actor, string source, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var title = IncidentFields.Title(request.Title, "title", errors);
        IncidentFields.Severity(request.Severity, "severity", required: true, errors);
        IncidentFields.Summary(request.Summary, "summary", errors);
        var services = await IncidentFields.ServicesAsync(db, request.Services ?? [], "services", errors, cancellationToken);
        var teams = await IncidentFields.TeamsAsync(db, request.Teams ?? [], "teams", errors, cancellationToken);
        if (request.Private == true && (request.Teams ?? []).Count == 0)
        {
            errors.Add("teams", "a private incident needs at least one team that may see it.");
        }
        Guid? commander = actor.UserId;
        if (request.Commander is { } email)
        {
            commander = await IncidentFields.PersonAsync(db, email, "commander", errors, cancellationToken);
        }
        var alertIds = request.Alerts ?? [];
        var alerts = await db.Alerts.Where(a => alertIds.Contains(a.Id)).ToListAsync(cancellationToken);
        var linked = await db.IncidentAlerts.Where(l => alertIds.Contains(l.AlertId)).ToDictionaryAsync(l => l.AlertId, l => l.IncidentId, cancellationToken);
        for (var i = 0; i < alertIds.Count; i++)
        {
            if (!alerts.Exists(a => a.Id == alertIds[i]))
            {
                errors.Add($"alerts[{i}]", $"there is no alert #{alertIds[i]}.");
            }
            else if (linked.TryGetValue(alertIds[i], out var incident))
            {
                errors.Add($"alerts[{i}]", $"alert #{alertIds[i]} already belongs to incident #{incident}; an alert belongs to one incident at most.");
            }
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        return new Declaration(title!, request.Severity!.Value, request.Summary, services, request.Private ?? false, teams, commander, alerts, source);
    }

    public async Task<Incident> DeclareAsync(Declaration declaration, IncidentActor actor, CancellationToken cancellationToken)
    {
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var now = time.StoredNow();
        return await InTransactionAsync(async () =>
        {
            var incident = new Incident
            {
                Title = declaration.Title,
                Severity = declaration.Severity,
                Status = IncidentStatus.Investigating,
                Private = declaration.Private,
                Summary = declaration.Summary,
                Source = declaration.Source,
                DeclaredBy = actor.Name,
                DeclaredById = actor.UserId,
                DeclaredAt = now,
                DetectedAt = declaration.Alerts.Count == 0 ? now : Min(declaration.Alerts.Min(a => a.FirstSeenAt), now),
                Revision = 1,
                UpdatedAt = now,
            };
            db.Incidents.Add(incident);
            // The id is the number people say: it exists only once the row does.
            await db.SaveChangesAsync(cancellationToken);
            var severity = policy.Severity(declaration.Severity);
            Timeline(incident.Id, IncidentTimelineKind.Declared, actor.Name, $"Declared {severity.Label} ({severity.Name}) through {declaration.Source}: {declaration.Title}", now);
            foreach (var service in declaration.Services.DistinctBy(s => s.Id))
            {
                db.IncidentImpacts.Add(new IncidentImpact { IncidentId = incident.Id, ServiceId = service.Id, AddedAt = now });
                Timeline(incident.Id, IncidentTimelineKind.Service, actor.Name, $"Service {service.Name} is impacted.", now);
            }
            foreach (var team in declaration.ViewerTeams.Distinct())
            {
                db.IncidentViewers.Add(new IncidentViewer { IncidentId = incident.Id, TeamId = team });
            }
            foreach (var alert in declaration.Alerts)
            {
                db.IncidentAlerts.Add(new IncidentAlert { IncidentId = incident.Id, AlertId = alert.Id, LinkedAt = now, LinkedBy = actor.Name });
                Timeline(incident.Id, IncidentTimelineKind.Alert, actor.Name, $"Alert #{alert.Id} linked: {alert.Summary}", now, alert.Id);
            }
            if (declaration.CommanderId is { } commander)
            {
                var email = await db.Users.Where(u => u.Id == commander).Select(u => u.Email).SingleAsync(cancellationToken);
                db.IncidentRoleAssignments.Add(new IncidentRoleAssignment { IncidentId = incident.Id, Role = IncidentRole.Commander, UserId = commander, AssignedAt = now, AssignedBy = actor.Name });
                Timeline(incident.Id, IncidentTimelineKind.Role, actor.Name, $"{email} is {policy.Role(IncidentRole.Commander)?.Name ?? "commander"}.", now);
            }
            else
            {
                Timeline(incident.Id, IncidentTimelineKind.Role, actor.Name, "Declared without a commander: the first person to acknowledge a linked alert or take the role leads it.", now);
            }
            audit.RecordHere("incident.declare", Kind, Name(incident.Id), null, Snapshot(incident, declaration.Services.Select(s => s.Name)));
            await db.SaveChangesAsync(cancellationToken);
            return incident;
        }, cancellationToken);
    }

    public static string Name(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static object Snapshot(Incident incident, IEnumerable<string>? services = null) => new
    {
        incident.Title,
        incident.Severity,
        Status = incident.Status.ToString().ToLowerInvariant(),
        incident.Private,
        incident.Source,
        Services = services?.ToList(),
    };

    private void Timeline(long incidentId, IncidentTimelineKind kind, string actor, string? text, DateTimeOffset at, long? alertId = null) =>
        db.IncidentTimeline.Add(new IncidentTimelineEntry { IncidentId = incidentId, Kind = kind, Actor = actor, Text = text, At = at, AlertId = alertId });

    // Rules declare inside the alert's transaction; the API and pages open their own.
    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
