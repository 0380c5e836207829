using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Desk;

// Impacted services, linked alerts, merging a duplicate, and who may see a private incident.
public sealed partial class IncidentDesk
{
    public async Task AddServiceAsync(Incident incident, string? service, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(incident, null);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(service))
        {
            throw new RequestValidationException(errors.Add("service", "is required: the slug of the impacted service."));
        }
        var found = await db.Services.SingleOrDefaultAsync(s => s.Name == service, cancellationToken)
            ?? throw new RequestValidationException(errors.Add("service", $"service '{service}' does not exist."));
        if (await db.IncidentImpacts.AnyAsync(i => i.IncidentId == incident.Id && i.ServiceId == found.Id, cancellationToken))
        {
            return;
        }
        var now = time.StoredNow();
        db.IncidentImpacts.Add(new IncidentImpact { IncidentId = incident.Id, ServiceId = found.Id, AddedAt = now });
        Timeline(incident.Id, IncidentTimelineKind.Service, actor.Name, $"Service {service} is impacted.", now);
        Touch(incident, now);
        audit.RecordHere("incident.service.add", Kind, Name(incident.Id), null, new { Service = service });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RemoveServiceAsync(Incident incident, string service, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(incident, null);
        var impact = await db.IncidentImpacts.SingleOrDefaultAsync(i => i.IncidentId == incident.Id && i.Service!.Name == service, cancellationToken);
        if (impact is null)
        {
            return false;
        }
        var now = time.StoredNow();
        db.IncidentImpacts.Remove(impact);
        Timeline(incident.Id, IncidentTimelineKind.Service, actor.Name, $"Service {service} is no longer listed as impacted.", now);
        Touch(incident, now);
        audit.RecordHere("incident.service.remove", Kind, Name(incident.Id), new { Service = service }, null);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task LinkAlertAsync(Incident incident, IncidentAlertRequest request, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(incident, null);
        var errors = new ValidationErrors();
        if (request.Alert is not { } alertId)
        {
            throw new RequestValidationException(errors.Add("alert", "is required: the id of the alert to link."));
        }
        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken)
            ?? throw new RequestValidationException(errors.Add("alert", $"there is no alert #{alertId}."));
        var holder = await db.IncidentAlerts.Where(l => l.AlertId == alertId).Select(l => (long?)l.IncidentId).SingleOrDefaultAsync(cancellationToken);
        if (holder == incident.Id)
        {
            return;
        }
        if (holder is { } other)
        {
            throw new RequestValidationException(errors.Add("alert", $"alert #{alertId} already belongs to incident #{other}; unlink it there first."), StatusCodes.Status409Conflict, "The alert belongs to another incident.");
        }
        var now = time.StoredNow();
        db.IncidentAlerts.Add(new IncidentAlert { IncidentId = incident.Id, AlertId = alertId, LinkedAt = now, LinkedBy = actor.Name });
        Timeline(incident.Id, IncidentTimelineKind.Alert, actor.Name, $"Alert #{alertId} linked: {alert.Summary}", now, alertId);
        if (alert.FirstSeenAt < incident.DetectedAt)
        {
            incident.DetectedAt = alert.FirstSeenAt;
        }
        if (alert.AcknowledgedAt is { } acknowledged && incident.AcknowledgedAt is null)
        {
            Acknowledge(incident, alert.AcknowledgedBy ?? "someone", acknowledged < now ? now : acknowledged);
        }
        Touch(incident, now);
        audit.RecordHere("incident.alert.link", Kind, Name(incident.Id), null, new { Alert = alertId });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> UnlinkAlertAsync(Incident incident, long alertId, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(incident, null);
        var link = await db.IncidentAlerts.SingleOrDefaultAsync(l => l.IncidentId == incident.Id && l.AlertId == alertId, cancellationToken);
        if (link is null)
        {
            return false;
        }
        var now = time.StoredNow();
        db.IncidentAlerts.Remove(link);
        Timeline(incident.Id, IncidentTimelineKind.Alert, actor.Name, $"Alert #{alertId} unlinked.", now, alertId);
        Touch(incident, now);
        audit.RecordHere("incident.alert.unlink", Kind, Name(incident.Id), new { Alert = alertId }, null);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    // The duplicate's alerts and services move to the incident that carries on; the duplicate is
    // resolved as merged, and both timelines say so.
    public async Task MergeAsync(Incident duplicate, Incident into, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(duplicate, null);
        Workable(into, null);
        if (duplicate.Id == into.Id)
        {
            throw new RequestValidationException(new ValidationErrors().Add("into", "an incident cannot be merged into itself."));
        }
        var now = time.StoredNow();
        var alerts = await db.IncidentAlerts.Where(l => l.IncidentId == duplicate.Id).ToListAsync(cancellationToken);
        var impacts = await db.IncidentImpacts.Where(i => i.IncidentId == duplicate.Id).ToListAsync(cancellationToken);
        var kept = await db.IncidentImpacts.Where(i => i.IncidentId == into.Id).Select(i => i.ServiceId).ToListAsync(cancellationToken);
        var firstSeen = await db.Alerts.Where(a => alerts.Select(l => l.AlertId).Contains(a.Id)).Select(a => (DateTimeOffset?)a.FirstSeenAt).MinAsync(cancellationToken);
        db.IncidentAlerts.RemoveRange(alerts);
        db.IncidentImpacts.RemoveRange(impacts);
        await db.SaveChangesAsync(cancellationToken);
        db.IncidentAlerts.AddRange(alerts.Select(l => new IncidentAlert { IncidentId = into.Id, AlertId = l.AlertId, LinkedAt = now, LinkedBy = actor.Name }));
        db.IncidentImpacts.AddRange(impacts.Where(i => !kept.Contains(i.ServiceId)).Select(i => new IncidentImpact { IncidentId = into.Id, ServiceId = i.ServiceId, AddedAt = now }));
        if (firstSeen is { } seen && seen < into.DetectedAt)
        {
            into.DetectedAt = seen;
        }
        Timeline(duplicate.Id, IncidentTimelineKind.Merged, actor.Name, $"Merged into incident #{into.Id} ({into.Title}) as a duplicate; its {alerts.Count} alert(s) and {impacts.Count} service(s) moved there.", now);
        Timeline(into.Id, IncidentTimelineKind.Merged, actor.Name, $"Incident #{duplicate.Id} ({duplicate.Title}) was merged into this one; {alerts.Count} alert(s) and {impacts.Count} service(s) moved here.", now);
        if (duplicate.Status != IncidentStatus.Resolved)
        {
            duplicate.Status = IncidentStatus.Resolved;
            duplicate.ResolvedAt = now;
        }
        duplicate.MergedIntoId = into.Id;
        Touch(duplicate, now);
        Touch(into, now);
        audit.RecordHere("incident.merge", Kind, Name(duplicate.Id), null, new { Into = into.Id });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetVisibilityAsync(Incident incident, IncidentVisibilityRequest request, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(incident, null);
        var errors = new ValidationErrors();
        if (request.Private is null)
        {
            errors.Add("private", "is required: true or false.");
        }
        var names = request.Teams ?? [];
        var teams = await IncidentFields.TeamsAsync(db, names, "teams", errors, cancellationToken);
        if (request.Private == true && names.Count == 0)
        {
            errors.Add("teams", "a private incident needs at least one team that may see it.");
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        var before = new { incident.Private, Teams = await db.IncidentViewers.Where(v => v.IncidentId == incident.Id).Select(v => v.Team!.Name).ToListAsync(cancellationToken) };
        var stored = await db.IncidentViewers.Where(v => v.IncidentId == incident.Id).ToListAsync(cancellationToken);
        db.IncidentViewers.RemoveRange(stored.Where(v => !teams.Contains(v.TeamId)));
        db.IncidentViewers.AddRange(teams.Distinct().Where(t => !stored.Exists(v => v.TeamId == t)).Select(t => new IncidentViewer { IncidentId = incident.Id, TeamId = t }));
        incident.Private = request.Private!.Value;
        var now = time.StoredNow();
        Timeline(incident.Id, IncidentTimelineKind.Visibility, actor.Name, incident.Private ? $"Private: seen only by admins and team(s) {string.Join(", ", names)}." : "Public: everyone who may read incidents sees it.", now);
        Touch(incident, now);
        audit.RecordHere("incident.visibility", Kind, Name(incident.Id), before, new { incident.Private, Teams = names });
        await db.SaveChangesAsync(cancellationToken);
    }
}
