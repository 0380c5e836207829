using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Escalation;

// What a write checks against the stored state, and how it saves.
public sealed partial class EscalationPolicyCatalog
{
    public async Task<EscalationPolicy> CreateAsync(EscalationPolicySpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        if (await db.EscalationPolicies.AnyAsync(p => p.Name == spec.Name, cancellationToken))
        {
            throw NameTaken(spec.Name);
        }
        var now = time.StoredNow();
        var policy = new EscalationPolicy { Id = Guid.CreateVersion7(now), Name = spec.Name, CreatedAt = now };
        db.EscalationPolicies.Add(policy);
        await WriteAsync(policy, spec, managedBy, now, cancellationToken);
        audit.Record("escalationpolicy.create", EscalationPolicySpec.KindName, spec.Name, null, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
        return policy;
    }

    // Needs the policy loaded with its team (FindAsync does).
    public async Task UpdateAsync(EscalationPolicy policy, EscalationPolicySpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = (await SpecAsync(policy, cancellationToken)).ToDocument();
        await WriteAsync(policy, spec, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("escalationpolicy.update", EscalationPolicySpec.KindName, spec.Name, before, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
    }

    // Escalations under way through it stop with it (the foreign key cascades); pages already
    // written are kept.
    public async Task DeleteAsync(EscalationPolicy policy, string source, CancellationToken cancellationToken)
    {
        audit.Record("escalationpolicy.delete", EscalationPolicySpec.KindName, policy.Name, (await SpecAsync(policy, cancellationToken)).ToDocument(), null, source);
        db.EscalationPolicies.Remove(policy);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task WriteAsync(EscalationPolicy policy, EscalationPolicySpec spec, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == spec.Team, cancellationToken);
        if (team is null)
        {
            errors.Add("team", $"team '{spec.Team}' does not exist.");
        }
        var levels = await LevelsAsync(spec, errors, "", cancellationToken);
        var services = await ServicesAsync(spec, team?.Id, policy.Id, errors, "", cancellationToken);
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        policy.TeamId = team!.Id;
        policy.Team = team;
        policy.Description = spec.Description;
        policy.Repeat = spec.Repeat;
        policy.Levels = StoredLevel.Serialize(levels);
        policy.ManagedBy = managedBy;
        policy.Revision++;
        policy.UpdatedAt = now;
        await ClaimServicesAsync(policy.Id, services, cancellationToken);
    }

    // The stored form of the spec's levels; unknown or disabled users, unknown schedules and teams
    // are errors at their place, under `prefix`.
    public async Task<List<StoredLevel>> LevelsAsync(EscalationPolicySpec spec, ValidationErrors errors, string prefix, CancellationToken cancellationToken)
    {
        var all = spec.Levels.SelectMany(l => l.Targets).ToList();
        var emails = all.Where(t => t.Kind == EscalationTargetKind.User).Select(t => t.Name).Distinct().ToList();
        var scheduleNames = all.Where(t => t.Kind == EscalationTargetKind.Schedule).Select(t => t.Name).Distinct().ToList();
        var teamNames = all.Where(t => t.Kind == EscalationTargetKind.Team).Select(t => t.Name).Distinct().ToList();
        var users = await db.Users.Where(u => emails.Contains(u.Email)).ToDictionaryAsync(u => u.Email, u => (u.Id, u.Disabled), cancellationToken);
        var schedules = await db.Schedules.Where(s => scheduleNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var teams = await db.Teams.Where(t => teamNames.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id, cancellationToken);
        var levels = new List<StoredLevel>();
        for (var i = 0; i < spec.Levels.Count; i++)
        {
            var stored = new List<StoredTarget>();
            for (var j = 0; j < spec.Levels[i].Targets.Count; j++)
            {
                var target = spec.Levels[i].Targets[j];
                var field = $"{prefix}levels[{i}].targets[{j}].{target.KindName}";
                Guid? id = null;
                switch (target.Kind)
                {
                    case EscalationTargetKind.User when !users.TryGetValue(target.Name, out var user):
                        errors.Add(field, $"there is no user '{target.Name}'.");
                        break;
                    case EscalationTargetKind.User when users[target.Name].Disabled:
                        errors.Add(field, $"user '{target.Name}' is disabled and cannot be paged.");
                        break;
                    case EscalationTargetKind.User:
                        id = users[target.Name].Id;
                        break;
                    case EscalationTargetKind.Schedule:
                        id = schedules.TryGetValue(target.Name, out var schedule) ? schedule : null;
                        if (id is null)
                        {
                            errors.Add(field, $"there is no schedule '{target.Name}'.");
                        }
                        break;
                    default:
                        id = teams.TryGetValue(target.Name, out var team) ? team : null;
                        if (id is null)
                        {
                            errors.Add(field, $"there is no team '{target.Name}'.");
                        }
                        break;
                }
                if (id is { } found)
                {
                    stored.Add(new StoredTarget(target.Kind, found));
                }
            }
            levels.Add(new StoredLevel((int)spec.Levels[i].EscalateAfter.TotalSeconds, stored));
        }
        return levels;
    }

    // The ids of the spec's services: each must be the policy's team's and not another policy's.
    public async Task<List<Guid>> ServicesAsync(EscalationPolicySpec spec, Guid? teamId, Guid policyId, ValidationErrors errors, string prefix, CancellationToken cancellationToken)
    {
        var names = spec.Services.ToList();
        var found = await db.Services.Where(s => names.Contains(s.Name)).Select(s => new { s.Name, s.Id, s.TeamId }).ToDictionaryAsync(s => s.Name, cancellationToken);
        var ids = found.Values.Select(s => s.Id).ToList();
        var claimed = await db.ServiceEscalationPolicies.Where(s => ids.Contains(s.ServiceId) && s.PolicyId != policyId)
            .Select(s => new { s.ServiceId, Policy = s.Policy!.Name }).ToDictionaryAsync(s => s.ServiceId, s => s.Policy, cancellationToken);
        var services = new List<Guid>();
        for (var i = 0; i < names.Count; i++)
        {
            var field = $"{prefix}services[{i}]";
            if (!found.TryGetValue(names[i], out var service))
            {
                errors.Add(field, $"there is no service '{names[i]}'.");
            }
            else if (teamId is { } team && service.TeamId != team)
            {
                errors.Add(field, $"service '{names[i]}' belongs to another team; a policy serves its own team's services.");
            }
            else if (claimed.TryGetValue(service.Id, out var other))
            {
                errors.Add(field, $"service '{names[i]}' already uses escalation policy '{other}'; remove it there first.");
            }
            else
            {
                services.Add(service.Id);
            }
        }
        return services;
    }

    // Makes the policy's service claims exactly `services` (tracked, saved with the policy).
    public async Task ClaimServicesAsync(Guid policyId, IReadOnlyCollection<Guid> services, CancellationToken cancellationToken)
    {
        var current = await db.ServiceEscalationPolicies.Where(s => s.PolicyId == policyId).ToListAsync(cancellationToken);
        db.ServiceEscalationPolicies.RemoveRange(current.Where(c => !services.Contains(c.ServiceId)));
        foreach (var service in services.Where(s => !current.Exists(c => c.ServiceId == s)))
        {
            db.ServiceEscalationPolicies.Add(new ServiceEscalationPolicy { ServiceId = service, PolicyId = policyId });
        }
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"escalation policy '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            // The name, or a service another policy claimed a moment ago.
            throw new RequestValidationException(new ValidationErrors().Add("name", $"escalation policy '{name}' or one of its services was taken by another write a moment ago; read again and retry."), StatusCodes.Status409Conflict, "Taken.");
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"an escalation policy named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
