using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Data;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Accounts;

// `kind: Team`. Admins create and delete teams; a team's members may edit its description.
public sealed class TeamKind(UnyoDb db, TeamAccess access, TimeProvider time) : IConfigKind
{
    public string Kind => "Team";
    public int Order => 10;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, _) = ConfigDocuments.ReadMetadata(document, owned: false, error);
        var spec = ConfigDocuments.ReadSpec<TeamSpec>(document, error);
        if (name is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = TeamDefinition.Validate(name, spec.DisplayName, spec.Description, errors);
        foreach (var (field, message) in errors.All)
        {
            error(field == "name" ? "metadata.name" : $"spec.{field}", message);
        }
        return definition is null ? null : new TeamConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken) =>
        [.. (await db.Teams.AsNoTracking().ToListAsync(cancellationToken))
            .Select(t => new ConfigObject(new TeamConfig(TeamDefinition.From(t)), t.ManagedBy == ManagedBy.Apply))];

    public JsonObject ToDocument(IConfigDefinition definition) => ((TeamConfig)definition).Team.ToDocument();

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        // Teams refer to nothing; services check that their team still exists.
    }

    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken)
    {
        if (user.IsAdmin())
        {
            return true;
        }
        if (before is null || after is null)
        {
            return false;
        }
        var teamId = await db.Teams.Where(t => t.Name == before.Name).Select(t => t.Id).SingleAsync(cancellationToken);
        return await access.CanChangeAsync(user, teamId, cancellationToken);
    }

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var names = definitions.Select(d => d.Name).ToList();
        var existing = await db.Teams.Where(t => names.Contains(t.Name)).ToDictionaryAsync(t => t.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in definitions.Cast<TeamConfig>().Select(c => c.Team))
        {
            if (!existing.TryGetValue(definition.Name, out var team))
            {
                team = new Team { Id = Guid.CreateVersion7(now), Name = definition.Name, DisplayName = definition.DisplayName, CreatedAt = now };
                db.Teams.Add(team);
            }
            definition.CopyTo(team);
            team.ManagedBy = ManagedBy.Apply;
            team.Revision++;
            team.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        await db.Teams.Where(t => names.Contains(t.Name)).ExecuteDeleteAsync(cancellationToken);

    private sealed record TeamConfig(TeamDefinition Team) : IConfigDefinition
    {
        public string Name => Team.Name;
    }

    private sealed class TeamSpec
    {
        public string? DisplayName { get; init; }
        public string? Description { get; init; }
    }
}
