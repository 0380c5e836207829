using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Catalog;

// `kind: Service` (and Backstage `Component`, translated). Checks the team and dependencies
// against the state the whole apply would leave, so a file may create a team and its services,
// or services that depend on each other, in any order.
public sealed class ServiceKind(UnyoDb db, TeamAccess access, TimeProvider time) : IConfigKind
{
    public string Kind => "Service";
    public int Order => 20;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, team) = ConfigDocuments.ReadMetadata(document, owned: true, error);
        var spec = ConfigDocuments.ReadSpec<ServiceSpec>(document, error);
        if (name is null || team is null || spec is null)
        {
            return null;
        }
        var request = new ServiceRequest
        {
            Name = name,
            Team = team,
            DisplayName = spec.DisplayName,
            Tier = spec.Tier,
            Lifecycle = spec.Lifecycle,
            Description = spec.Description,
            RunbookUrl = spec.RunbookUrl,
            RepositoryUrl = spec.RepositoryUrl,
            Tags = spec.Tags,
            Links = spec.Links,
            DependsOn = spec.DependsOn,
        };
        var errors = new ValidationErrors();
        var definition = ServiceValidator.Validate(request, errors);
        foreach (var (field, message) in errors.All)
        {
            error(field switch { "name" => "metadata.name", "team" => "metadata.team", _ => $"spec.{field}" }, message);
        }
        return definition is null ? null : new ServiceConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken)
    {
        var services = await db.Services.AsNoTracking()
            .Include(s => s.Team).Include(s => s.Dependencies).ThenInclude(d => d.DependsOn)
            .AsSplitQuery().ToListAsync(cancellationToken);
        return [.. services.Select(s => new ConfigObject(
            new ServiceConfig(ServiceDefinition.From(s, s.Team!.Name, s.Dependencies.Select(d => d.DependsOn!.Name))),
            s.ManagedBy == ManagedBy.Apply))];
    }

    public JsonObject ToDocument(IConfigDefinition definition) => ((ServiceConfig)definition).Service.ToDocument();

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var teams = state.Of("Team");
        var services = state.Of(Kind).Values.Cast<ServiceConfig>().Select(c => c.Service).ToList();
        var names = services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        // Written services are checked in full; stored ones only where the plan deletes what
        // they refer to.
        foreach (var service in services)
        {
            var written = state.IsWritten(Kind, service.Name);
            if (!teams.ContainsKey(service.Team) && (written || state.IsDeleted("Team", service.Team)))
            {
                error(service.Name, "metadata.team", $"team '{service.Team}' does not exist (and is not in the files, or is being pruned).");
            }
            for (var i = 0; i < service.DependsOn.Count; i++)
            {
                if (!names.Contains(service.DependsOn[i]) && (written || state.IsDeleted(Kind, service.DependsOn[i])))
                {
                    error(service.Name, $"spec.dependsOn[{i}]", $"service '{service.DependsOn[i]}' does not exist (and is not in the files, or is being pruned).");
                }
            }
        }
        if (state.AnyWritten(Kind) && DependencyGraph.FindCycle(services.ToDictionary(s => s.Name, s => s.DependsOn, StringComparer.Ordinal)) is { } cycle)
        {
            error(cycle[0], "spec.dependsOn", $"forms a dependency cycle: {string.Join(" → ", cycle)}.");
        }
    }

    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken)
    {
        foreach (var team in new[] { before, after }.OfType<ServiceConfig>().Select(c => c.Service.Team).Distinct())
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

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<ServiceConfig>().Select(c => c.Service).ToList();
        var names = wanted.Select(d => d.Name).ToList();
        var teamNames = wanted.Select(d => d.Team).Distinct().ToList();
        var teams = await db.Teams.Where(t => teamNames.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id, cancellationToken);
        var existing = await db.Services.Include(s => s.Dependencies).Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var service))
            {
                service = new Service { Id = Guid.CreateVersion7(now), Name = definition.Name, DisplayName = definition.DisplayName, CreatedAt = now };
                db.Services.Add(service);
                existing[definition.Name] = service;
            }
            definition.CopyTo(service);
            service.TeamId = teams[definition.Team];
            service.ManagedBy = ManagedBy.Apply;
            service.Revision++;
            service.UpdatedAt = now;
        }
        // Rows first, edges second: services in one apply may depend on each other.
        await db.SaveChangesAsync(cancellationToken);
        var targetNames = wanted.SelectMany(d => d.DependsOn).Distinct().ToList();
        var targets = await db.Services.Where(s => targetNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        foreach (var definition in wanted)
        {
            var service = existing[definition.Name];
            var ids = definition.DependsOn.Select(n => targets[n]).ToHashSet();
            service.Dependencies.RemoveAll(d => !ids.Contains(d.DependsOnId));
            foreach (var id in ids.Where(id => service.Dependencies.All(d => d.DependsOnId != id)))
            {
                service.Dependencies.Add(new ServiceDependency { ServiceId = service.Id, DependsOnId = id });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        // Edges between services deleted together go first, so Restrict never fires on them.
        await db.ServiceDependencies.Where(d => names.Contains(d.Dependent!.Name)).ExecuteDeleteAsync(cancellationToken);
        await db.Services.Where(s => names.Contains(s.Name)).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed record ServiceConfig(ServiceDefinition Service) : ITeamOwnedDefinition
    {
        public string Name => Service.Name;
        public string Team => Service.Team;
    }

    private sealed class ServiceSpec
    {
        public string? DisplayName { get; init; }
        public int? Tier { get; init; }
        public string? Lifecycle { get; init; }
        public string? Description { get; init; }
        public string? RunbookUrl { get; init; }
        public string? RepositoryUrl { get; init; }
        public List<string>? Tags { get; init; }
        public List<ServiceLink>? Links { get; init; }
        public List<string>? DependsOn { get; init; }
    }
}
