using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Accounts;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Maintenance;

// `kind: MaintenanceWindow`. The team, services and checks are checked against the state the
// whole apply would leave, so one file may hold a team, its services and their patch day.
public sealed class MaintenanceWindowKind(UnyoDb db, TeamAccess access, TimeProvider time, MaintenanceCalendar calendar, IMaintenanceScopeNames scope) : IConfigKind
{
    public string Kind => MaintenanceWindowSpec.KindName;
    // After everything a window can name.
    public int Order => 60;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, team) = ConfigDocuments.ReadMetadata(document, owned: true, error);
        var spec = ConfigDocuments.ReadSpec<WindowDocumentSpec>(document, error);
        if (name is null || team is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = MaintenanceWindowValidator.Validate(new MaintenanceWindowRequest
        {
            Name = name,
            Team = team,
            Title = spec.Title,
            Description = spec.Description,
            Services = spec.Services,
            Checks = spec.Checks,
            Schedule = spec.Schedule,
            SuppressAlerts = spec.SuppressAlerts,
        }, errors);
        foreach (var (field, message) in errors.All)
        {
            error(field switch { "name" => "metadata.name", "team" => "metadata.team", _ => $"spec.{field}" }, message);
        }
        return definition is null ? null : new WindowConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken) =>
        [.. (await db.MaintenanceWindows.AsNoTracking()
                .Select(w => new { Window = w, Team = w.Team!.Name, Services = w.Services.Select(s => s.Service!.Name).ToList() })
                .AsSplitQuery().ToListAsync(cancellationToken))
            .Select(r => new ConfigObject(new WindowConfig(MaintenanceWindowSpec.From(r.Window, r.Team, r.Services)), r.Window.ManagedBy == ManagedBy.Apply))];

    public JsonObject ToDocument(IConfigDefinition definition) => ((WindowConfig)definition).Window.ToDocument();

    // Written windows are checked in full; stored ones where the plan prunes what they name.
    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var teams = state.Of("Team");
        var services = state.Of("Service");
        var checks = state.Of("Check");
        foreach (var window in state.Of(Kind).Values.Cast<WindowConfig>().Select(c => c.Window))
        {
            var written = state.IsWritten(Kind, window.Name);
            if (!teams.ContainsKey(window.Team) && (written || state.IsDeleted("Team", window.Team)))
            {
                error(window.Name, "metadata.team", $"team '{window.Team}' does not exist (and is not in the files, or is being pruned).");
            }
            for (var i = 0; i < window.Services.Count; i++)
            {
                if (!services.ContainsKey(window.Services[i]) && (written || state.IsDeleted("Service", window.Services[i])))
                {
                    error(window.Name, $"spec.services[{i}]", written
                        ? $"service '{window.Services[i]}' does not exist (and is not in the files, or is being pruned)."
                        : $"service '{window.Services[i]}' is being pruned, but this window still covers it; take it out of the window too, or keep the service.");
                }
            }
            for (var i = 0; scope.ValidatesChecks && i < window.Checks.Count; i++)
            {
                if (!checks.ContainsKey(window.Checks[i]) && (written || state.IsDeleted("Check", window.Checks[i])))
                {
                    error(window.Name, $"spec.checks[{i}]", $"check '{window.Checks[i]}' does not exist (and is not in the files, or is being pruned).");
                }
            }
        }
    }

    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken)
    {
        var old = (before as WindowConfig)?.Window;
        var now = (after as WindowConfig)?.Window;
        foreach (var team in new[] { old?.Team, now?.Team }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var teamId = await db.Teams.Where(t => t.Name == team).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(cancellationToken);
            // A team created by this same apply has no members yet: only admins may fill it.
            if (teamId is null ? !user.IsAdmin() : !await access.CanChangeAsync(user, teamId.Value, cancellationToken))
            {
                return false;
            }
        }
        // A service that is not stored yet is created by this same apply, authorised against its team.
        foreach (var service in (now?.Services ?? []).Except(old?.Services ?? [], StringComparer.Ordinal))
        {
            if (await access.ForServiceAsync(db, user, service, cancellationToken) is { Allowed: false })
            {
                return false;
            }
        }
        return true;
    }

    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<WindowConfig>().Select(c => c.Window).ToList();
        var names = wanted.Select(w => w.Name).ToList();
        var teamNames = wanted.Select(w => w.Team).Distinct().ToList();
        var teams = await db.Teams.Where(t => teamNames.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id, cancellationToken);
        var serviceNames = wanted.SelectMany(w => w.Services).Distinct().ToList();
        var services = await db.Services.Where(s => serviceNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var existing = await db.MaintenanceWindows.Include(w => w.Services).Where(w => names.Contains(w.Name)).ToDictionaryAsync(w => w.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var window))
            {
                window = new MaintenanceWindow { Id = Guid.CreateVersion7(now), Name = definition.Name, Title = definition.Title, CreatedAt = now };
                db.MaintenanceWindows.Add(window);
            }
            definition.CopyTo(window);
            window.TeamId = teams[definition.Team];
            var ids = definition.Services.Select(s => services[s]).ToHashSet();
            window.Services.RemoveAll(s => !ids.Contains(s.ServiceId));
            foreach (var id in ids.Where(id => window.Services.All(s => s.ServiceId != id)))
            {
                window.Services.Add(new MaintenanceWindowService { WindowId = window.Id, ServiceId = id });
            }
            window.ManagedBy = ManagedBy.Apply;
            window.Revision++;
            window.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        calendar.Invalidate();
    }

    // Their service links go with them (the foreign key cascades).
    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await db.MaintenanceWindows.Where(w => names.Contains(w.Name)).ExecuteDeleteAsync(cancellationToken);
        calendar.Invalidate();
    }

    private sealed record WindowConfig(MaintenanceWindowSpec Window) : IConfigDefinition
    {
        public string Name => Window.Name;
    }

    private sealed class WindowDocumentSpec
    {
        public string? Title { get; init; }
        public string? Description { get; init; }
        public List<string>? Services { get; init; }
        public List<string>? Checks { get; init; }
        public MaintenanceWindowSchedule? Schedule { get; init; }
        public bool? SuppressAlerts { get; init; }
    }
}
