using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Escalation;

// `kind: EscalationPolicy`. Users are named by email and must exist; schedules, teams and
// services are checked against the state the whole apply would leave, and written after them
// (schedules at 70, this at 72, alert routes that target policies at 75).
public sealed class EscalationPolicyKind(UnyoDb db, EscalationPolicyCatalog catalog, TeamAccess access, TimeProvider time) : IConfigKind
{
    private HashSet<string> _users = new(StringComparer.Ordinal);

    public string Kind => EscalationPolicySpec.KindName;
    public int Order => 72;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, team) = ConfigDocuments.ReadMetadata(document, owned: true, error);
        var spec = ConfigDocuments.ReadSpec<PolicyDocumentSpec>(document, error);
        if (name is null || team is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = EscalationPolicyValidator.Validate(new EscalationPolicyRequest
        {
            Name = name, Team = team, Description = spec.Description, Repeat = spec.Repeat, Services = spec.Services, Levels = spec.Levels,
        }, errors);
        foreach (var (field, message) in errors.All)
        {
            error(field switch { "name" => "metadata.name", "team" => "metadata.team", _ => $"spec.{field}" }, message);
        }
        return definition is null ? null : new PolicyConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken)
    {
        _users = [.. await db.Users.AsNoTracking().Where(u => !u.Disabled).Select(u => u.Email).ToListAsync(cancellationToken)];
        var policies = await db.EscalationPolicies.AsNoTracking().Include(p => p.Team).ToListAsync(cancellationToken);
        var objects = new List<ConfigObject>(policies.Count);
        foreach (var policy in policies)
        {
            objects.Add(new ConfigObject(new PolicyConfig(await catalog.SpecAsync(policy, cancellationToken)), policy.ManagedBy == ManagedBy.Apply));
        }
        return objects;
    }

    public JsonObject ToDocument(IConfigDefinition definition) => ((PolicyConfig)definition).Policy.ToDocument();

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var teams = state.Of("Team");
        var services = state.Of("Service");
        var schedules = state.Of("Schedule");
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var policy in state.Of(Kind).Values.Cast<PolicyConfig>().Select(c => c.Policy).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var written = state.IsWritten(Kind, policy.Name);
            if (!teams.ContainsKey(policy.Team) && (written || state.IsDeleted("Team", policy.Team)))
            {
                error(policy.Name, "metadata.team", written
                    ? $"team '{policy.Team}' does not exist (and is not in the files, or is being pruned)."
                    : $"team '{policy.Team}' is being pruned, but it still owns this escalation policy; delete or move the policy too.");
            }
            for (var i = 0; i < policy.Services.Count; i++)
            {
                var service = policy.Services[i];
                if (claimed.TryGetValue(service, out var other))
                {
                    error(policy.Name, $"spec.services[{i}]", $"service '{service}' is also claimed by escalation policy '{other}'; a service has one.");
                }
                claimed[service] = policy.Name;
                if (!services.TryGetValue(service, out var definition))
                {
                    if (written || state.IsDeleted("Service", service))
                    {
                        error(policy.Name, $"spec.services[{i}]", $"service '{service}' does not exist (and is not in the files, or is being pruned).");
                    }
                }
                else if (written && definition is ITeamOwnedDefinition owned && owned.Team != policy.Team)
                {
                    error(policy.Name, $"spec.services[{i}]", $"service '{service}' belongs to team '{owned.Team}'; a policy serves its own team's services.");
                }
            }
            for (var i = 0; i < policy.Levels.Count; i++)
            {
                for (var j = 0; j < policy.Levels[i].Targets.Count; j++)
                {
                    var target = policy.Levels[i].Targets[j];
                    var path = $"spec.levels[{i}].targets[{j}].{target.KindName}";
                    var (exists, kind) = target.Kind switch
                    {
                        EscalationTargetKind.User => (_users.Contains(target.Name), "User"),
                        EscalationTargetKind.Schedule => (schedules.ContainsKey(target.Name), "Schedule"),
                        _ => (teams.ContainsKey(target.Name), "Team"),
                    };
                    if (!exists && (written || (kind != "User" && state.IsDeleted(kind, target.Name))))
                    {
                        error(policy.Name, path, target.Kind == EscalationTargetKind.User
                            ? $"there is no enabled user '{target.Name}'."
                            : $"{target.KindName} '{target.Name}' does not exist (and is not in the files, or is being pruned).");
                    }
                }
            }
        }
    }

    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken)
    {
        foreach (var team in new[] { (before as PolicyConfig)?.Policy.Team, (after as PolicyConfig)?.Policy.Team }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var teamId = await db.Teams.Where(t => t.Name == team).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            // A team created by this same apply has no members yet: only admins may fill it.
            if (teamId is null ? !user.IsAdmin() : !await access.CanChangeAsync(user, teamId.Value, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    // Runs after the teams, services and schedules of the same apply are written, so references
    // are resolved here against the database (inside the apply's transaction).
    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<PolicyConfig>().Select(c => c.Policy).ToList();
        var names = wanted.Select(p => p.Name).ToList();
        var existing = await db.EscalationPolicies.Where(p => names.Contains(p.Name)).ToDictionaryAsync(p => p.Name, cancellationToken);
        var now = time.StoredNow();
        var errors = new ValidationErrors();
        // Services move between policies of one apply: release every claim first, then claim anew.
        var ids = existing.Values.Select(p => p.Id).ToList();
        db.ServiceEscalationPolicies.RemoveRange(await db.ServiceEscalationPolicies.Where(s => ids.Contains(s.PolicyId)).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var definition in wanted)
        {
            var prefix = $"{Kind} '{definition.Name}': spec.";
            var teamId = await db.Teams.Where(t => t.Name == definition.Team).Select(t => t.Id).SingleAsync(cancellationToken);
            if (!existing.TryGetValue(definition.Name, out var policy))
            {
                policy = new EscalationPolicy { Id = Guid.CreateVersion7(now), Name = definition.Name, CreatedAt = now };
                db.EscalationPolicies.Add(policy);
            }
            var levels = await catalog.LevelsAsync(definition, errors, prefix, cancellationToken);
            var services = await catalog.ServicesAsync(definition, teamId, policy.Id, errors, prefix, cancellationToken);
            (policy.TeamId, policy.Description, policy.Repeat, policy.Levels) = (teamId, definition.Description, definition.Repeat, StoredLevel.Serialize(levels));
            (policy.ManagedBy, policy.UpdatedAt) = (ManagedBy.Apply, now);
            policy.Revision++;
            await catalog.ClaimServicesAsync(policy.Id, services, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
    }

    // Escalations under way through them stop (the foreign key cascades).
    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        await db.EscalationPolicies.Where(p => names.Contains(p.Name)).ExecuteDeleteAsync(cancellationToken);

    private sealed record PolicyConfig(EscalationPolicySpec Policy) : ITeamOwnedDefinition
    {
        public string Name => Policy.Name;
        public string Team => Policy.Team;
    }

    private sealed class PolicyDocumentSpec
    {
        public string? Description { get; init; }
        public int? Repeat { get; init; }
        public List<string>? Services { get; init; }
        public List<EscalationLevelRequest>? Levels { get; init; }
    }
}
