using Microsoft.EntityFrameworkCore;
using Unyo.Features.Incidents.Policy;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Desk;

// Roles are handed over, never overwritten: the holder's row ends and a new one starts.
public sealed partial class IncidentDesk
{
    public async Task AssignRoleAsync(Incident incident, string role, string? email, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(incident, null);
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var errors = new ValidationErrors();
        var definition = KnownRole(policy, role, errors);
        Guid? userId = null;
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add("user", "is required: the email of the person taking the role.");
        }
        else
        {
            userId = await IncidentFields.PersonAsync(db, email, "user", errors, cancellationToken);
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        var now = time.StoredNow();
        if (await HandOverAsync(incident, definition!, userId!.Value, email!, actor.Name, now, cancellationToken))
        {
            Touch(incident, now);
            audit.RecordHere("incident.role.assign", Kind, Name(incident.Id), null, new { Role = role, User = email });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task EndRoleAsync(Incident incident, string role, IncidentActor actor, CancellationToken cancellationToken)
    {
        Workable(incident, null);
        var (policy, _) = await policies.CurrentAsync(cancellationToken);
        var errors = new ValidationErrors();
        var definition = KnownRole(policy, role, errors);
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        var holder = await db.IncidentRoleAssignments.Include(a => a.User).SingleOrDefaultAsync(a => a.IncidentId == incident.Id && a.Role == role && a.EndedAt == null, cancellationToken)
            ?? throw new RequestValidationException(new ValidationErrors().Add("role", $"nobody holds the role '{role}' in incident #{incident.Id}."), StatusCodes.Status409Conflict, "Nobody holds the role.");
        var now = time.StoredNow();
        (holder.EndedAt, holder.EndedBy) = (now, actor.Name);
        Timeline(incident.Id, IncidentTimelineKind.Role, actor.Name, $"{holder.User!.Email} is no longer {definition!.Name}." + (definition.Required ? $" {definition.Name} is required: someone should take it." : ""), now);
        Touch(incident, now);
        audit.RecordHere("incident.role.end", Kind, Name(incident.Id), new { Role = role, User = holder.User.Email }, null);
        await db.SaveChangesAsync(cancellationToken);
    }

    // False when the person already holds the role: nothing to hand over.
    private async Task<bool> HandOverAsync(Incident incident, IncidentRole role, Guid userId, string email, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await db.IncidentRoleAssignments.Include(a => a.User).SingleOrDefaultAsync(a => a.IncidentId == incident.Id && a.Role == role.Key && a.EndedAt == null, cancellationToken);
        if (current?.UserId == userId)
        {
            return false;
        }
        if (current is not null)
        {
            (current.EndedAt, current.EndedBy) = (now, actor);
        }
        db.IncidentRoleAssignments.Add(new IncidentRoleAssignment { IncidentId = incident.Id, Role = role.Key, UserId = userId, AssignedAt = now, AssignedBy = actor });
        Timeline(incident.Id, IncidentTimelineKind.Role, actor, current is null ? $"{email} is {role.Name}." : $"{email} took over {role.Name} from {current.User!.Email}.", now);
        return true;
    }

    private static IncidentRole? KnownRole(IncidentPolicySpec policy, string role, ValidationErrors errors)
    {
        var definition = policy.Role(role);
        if (definition is null)
        {
            errors.Add("role", $"'{role}' is not a role of the incident policy: use {string.Join(", ", policy.Roles.Select(r => r.Key))}.");
        }
        return definition;
    }
}
