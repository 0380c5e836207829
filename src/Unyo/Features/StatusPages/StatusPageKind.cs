using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.StatusPages.Public;
using Unyo.Hosting;

namespace Unyo.Features.StatusPages;

// `kind: StatusPage`. The team, services and checks are checked against the state the whole
// apply would leave; written after all of them.
public sealed class StatusPageKind(UnyoDb db, TeamAccess access, TimeProvider time, PublicStatusCache cache) : IConfigKind
{
    public string Kind => StatusPageSpec.KindName;
    public int Order => 80;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, team) = ConfigDocuments.ReadMetadata(document, owned: true, error);
        var spec = ConfigDocuments.ReadSpec<PageDocumentSpec>(document, error);
        if (name is null || team is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = StatusPageValidator.Validate(new StatusPageRequest
        {
            Name = name, Team = team, Title = spec.Title, Description = spec.Description, Components = spec.Components,
        }, errors);
        foreach (var (field, message) in errors.All)
        {
            error(field switch { "name" => "metadata.name", "team" => "metadata.team", _ => $"spec.{field}" }, message);
        }
        return definition is null ? null : new PageConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken) =>
        [.. (await db.StatusPages.AsNoTracking().Include(p => p.Team).Include(p => p.Components).ThenInclude(c => c.Service).AsSplitQuery().ToListAsync(cancellationToken))
            .Select(p => new ConfigObject(new PageConfig(StatusPageSpec.From(p)), p.ManagedBy == ManagedBy.Apply))];

    public JsonObject ToDocument(IConfigDefinition definition) => ((PageConfig)definition).Page.ToDocument();

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var teams = state.Of("Team");
        var services = state.Of("Service");
        var checks = state.Of("Check");
        foreach (var page in state.Of(Kind).Values.Cast<PageConfig>().Select(c => c.Page))
        {
            var written = state.IsWritten(Kind, page.Name);
            if (!teams.ContainsKey(page.Team) && (written || state.IsDeleted("Team", page.Team)))
            {
                error(page.Name, "metadata.team", $"team '{page.Team}' does not exist (and is not in the files, or is being pruned).");
            }
            for (var i = 0; i < page.Components.Count; i++)
            {
                var component = page.Components[i];
                if (!services.ContainsKey(component.Service) && (written || state.IsDeleted("Service", component.Service)))
                {
                    error(page.Name, $"spec.components[{i}].service", written
                        ? $"service '{component.Service}' does not exist (and is not in the files, or is being pruned)."
                        : $"service '{component.Service}' is being pruned, but this status page still shows it; take it off the page too, or keep the service.");
                }
                if (component.Check is not null && !checks.ContainsKey(component.Check) && (written || state.IsDeleted("Check", component.Check)))
                {
                    error(page.Name, $"spec.components[{i}].check", $"check '{component.Check}' does not exist (and is not in the files, or is being pruned).");
                }
            }
        }
    }

    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken)
    {
        foreach (var team in new[] { (before as PageConfig)?.Page.Team, (after as PageConfig)?.Page.Team }.OfType<string>().Distinct(StringComparer.Ordinal))
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

    // Runs after teams, services and checks of the same apply are written, so references resolve
    // against the database (inside the apply's transaction).
    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<PageConfig>().Select(c => c.Page).ToList();
        var names = wanted.Select(p => p.Name).ToList();
        var existing = await db.StatusPages.Include(p => p.Components).Where(p => names.Contains(p.Name)).ToDictionaryAsync(p => p.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var page))
            {
                page = new StatusPage { Id = Guid.CreateVersion7(now), Name = definition.Name, Title = definition.Title, CreatedAt = now };
                db.StatusPages.Add(page);
            }
            await StatusPageCatalog.WriteAsync(db, page, definition, ManagedBy.Apply, now, $"{Kind} '{definition.Name}': ", cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var name in names)
        {
            cache.Invalidate(name);
        }
    }

    // Their components, updates and subscribers go with them (the foreign keys cascade).
    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await db.StatusPages.Where(p => names.Contains(p.Name)).ExecuteDeleteAsync(cancellationToken);
        foreach (var name in names)
        {
            cache.Invalidate(name);
        }
    }

    private sealed record PageConfig(StatusPageSpec Page) : ITeamOwnedDefinition
    {
        public string Name => Page.Name;
        public string Team => Page.Team;
    }

    private sealed class PageDocumentSpec
    {
        public string? Title { get; init; }
        public string? Description { get; init; }
        public List<StatusComponentRequest>? Components { get; init; }
    }
}
