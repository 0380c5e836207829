using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.OnCall.Schedules;

// `kind: Schedule`. Users are named by email and must exist (people are not configuration: they
// sign up or are invited); the team is checked against the state the whole apply would leave.
// Overrides are operational and not part of the document: an apply keeps them.
public sealed class ScheduleKind(UnyoDb db, TeamAccess access, TimeProvider time) : IConfigKind
{
    // Enabled users by email, read with the stored schedules: CheckFinalState cannot query.
    private Dictionary<string, Guid> _users = new(StringComparer.Ordinal);

    public string Kind => ScheduleSpec.KindName;
    // After teams; nothing refers to schedules yet.
    public int Order => 70;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, team) = ConfigDocuments.ReadMetadata(document, owned: true, error);
        var spec = ConfigDocuments.ReadSpec<ScheduleDocumentSpec>(document, error);
        if (name is null || team is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = ScheduleValidator.Validate(new ScheduleRequest { Name = name, Team = team, TimeZone = spec.TimeZone, Description = spec.Description, Layers = spec.Layers }, errors);
        foreach (var (field, message) in errors.All)
        {
            error(field switch { "name" => "metadata.name", "team" => "metadata.team", _ => $"spec.{field}" }, message);
        }
        return definition is null ? null : new ScheduleConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email, u.Disabled }).ToListAsync(cancellationToken);
        _users = users.Where(u => !u.Disabled).ToDictionary(u => u.Email, u => u.Id, StringComparer.Ordinal);
        var emails = users.ToDictionary(u => u.Id, u => u.Email);
        var rows = await db.Schedules.AsNoTracking().Select(s => new { Schedule = s, Team = s.Team!.Name }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ConfigObject(
            new ScheduleConfig(new ScheduleSpec(r.Schedule.Name, r.Team, r.Schedule.TimeZone, r.Schedule.Description,
                [.. StoredLayer.Read(r.Schedule.Layers).Select(l => l.ToContract(emails))])),
            r.Schedule.ManagedBy == ManagedBy.Apply))];
    }

    public JsonObject ToDocument(IConfigDefinition definition) => ((ScheduleConfig)definition).Schedule.ToDocument();

    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var teams = state.Of("Team");
        foreach (var schedule in state.Of(Kind).Values.Cast<ScheduleConfig>().Select(c => c.Schedule))
        {
            var written = state.IsWritten(Kind, schedule.Name);
            if (!teams.ContainsKey(schedule.Team) && (written || state.IsDeleted("Team", schedule.Team)))
            {
                error(schedule.Name, "metadata.team", written
                    ? $"team '{schedule.Team}' does not exist (and is not in the files, or is being pruned)."
                    : $"team '{schedule.Team}' is being pruned, but it still owns this schedule; delete or move the schedule too.");
            }
            foreach (var (field, email) in written ? schedule.People() : [])
            {
                if (!_users.ContainsKey(email))
                {
                    error(schedule.Name, $"spec.{field}", $"there is no enabled user '{email}'.");
                }
            }
        }
    }

    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken)
    {
        foreach (var team in new[] { (before as ScheduleConfig)?.Schedule.Team, (after as ScheduleConfig)?.Schedule.Team }.OfType<string>().Distinct(StringComparer.Ordinal))
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
        var wanted = definitions.Cast<ScheduleConfig>().Select(c => c.Schedule).ToList();
        var names = wanted.Select(s => s.Name).ToList();
        var teamNames = wanted.Select(s => s.Team).Distinct().ToList();
        var teams = await db.Teams.Where(t => teamNames.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id, cancellationToken);
        var existing = await db.Schedules.Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var schedule))
            {
                schedule = new Schedule { Id = Guid.CreateVersion7(now), Name = definition.Name, TimeZone = definition.TimeZone, CreatedAt = now };
                db.Schedules.Add(schedule);
            }
            schedule.TimeZone = definition.TimeZone;
            schedule.Description = definition.Description;
            schedule.Layers = StoredLayer.Serialize(definition.Layers.Select(l => StoredLayer.From(l, _users)));
            schedule.TeamId = teams[definition.Team];
            schedule.ManagedBy = ManagedBy.Apply;
            schedule.Revision++;
            schedule.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    // Their overrides go with them (the foreign key cascades).
    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        await db.Schedules.Where(s => names.Contains(s.Name)).ExecuteDeleteAsync(cancellationToken);

    private sealed record ScheduleConfig(ScheduleSpec Schedule) : ITeamOwnedDefinition
    {
        public string Name => Schedule.Name;
        public string Team => Schedule.Team;
    }

    private sealed class ScheduleDocumentSpec
    {
        public string? TimeZone { get; init; }
        public string? Description { get; init; }
        public List<ScheduleLayerRequest>? Layers { get; init; }
    }
}
