using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Routes;

// `kind: AlertRoute`. metadata.team is optional (admins only: an organisation route). Services
// and channels are checked against the state the whole apply would leave, so one file may hold a
// team's channels and the routes to them.
public sealed class AlertRouteKind(UnyoDb db, AlertRouteAccess access, TimeProvider time, AlertRouter router) : IConfigKind
{
    public const string ChannelKind = "NotificationChannel";
    public const string PolicyKind = "EscalationPolicy";

    // Stored channels and their teams, read with the routes: the channels kind may hold them too,
    // and this keeps the check right whether or not it is there.
    private Dictionary<string, string> _storedChannels = new(StringComparer.Ordinal);

    public string Kind => AlertRouteSpec.KindName;
    // After teams, services and notification channels, which a route names.
    public int Order => 75;

    public IConfigDefinition? Parse(ConfigDocument document, Action<string, string> error)
    {
        var (name, team) = ConfigDocuments.ReadMetadata(document, owned: true, (path, message) =>
        {
            // The team may be left out: an organisation route.
            if (!(path == "metadata.team" && message.StartsWith("is required", StringComparison.Ordinal)))
            {
                error(path, message);
            }
        });
        var spec = ConfigDocuments.ReadSpec<RouteDocumentSpec>(document, error);
        if (name is null || spec is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var definition = AlertRouteValidator.Validate(new AlertRouteRequest
        {
            Name = name,
            Team = team,
            Order = spec.Order,
            Match = spec.Match,
            Targets = spec.Targets,
            Continue = spec.Continue,
            Enabled = spec.Enabled,
        }, errors);
        foreach (var (field, message) in errors.All)
        {
            error(field switch { "name" => "metadata.name", "team" => "metadata.team", _ => $"spec.{field}" }, message);
        }
        return definition is null ? null : new RouteConfig(definition);
    }

    public async Task<IReadOnlyList<ConfigObject>> LoadAsync(CancellationToken cancellationToken)
    {
        _storedChannels = await db.NotificationChannels.AsNoTracking().Select(c => new { c.Name, Team = c.Team!.Name }).ToDictionaryAsync(c => c.Name, c => c.Team, StringComparer.Ordinal, cancellationToken);
        return [.. (await db.AlertRoutes.AsNoTracking().Select(r => new { Route = r, Team = r.Team == null ? null : r.Team.Name }).ToListAsync(cancellationToken))
            .Select(r => new ConfigObject(new RouteConfig(AlertRouteSpec.From(r.Route, r.Team)), r.Route.ManagedBy == ManagedBy.Apply))];
    }

    public JsonObject ToDocument(IConfigDefinition definition) => ((RouteConfig)definition).Route.ToDocument();

    // Written routes are checked in full; stored ones where the plan prunes what they name.
    public void CheckFinalState(FinalState state, Action<string, string, string> error)
    {
        var teams = state.Of("Team");
        var services = state.Of("Service");
        var channels = state.Of(ChannelKind);
        var policies = state.Of(PolicyKind);
        foreach (var route in state.Of(Kind).Values.Cast<RouteConfig>().Select(c => c.Route))
        {
            var written = state.IsWritten(Kind, route.Name);
            if (route.EscalationPolicy is { } policy && !policies.ContainsKey(policy) && (written || state.IsDeleted(PolicyKind, policy)))
            {
                error(route.Name, "spec.targets.escalationPolicy", $"escalation policy '{policy}' does not exist (and is not in the files, or is being pruned).");
            }
            if (route.Team is { } team && !teams.ContainsKey(team) && (written || state.IsDeleted("Team", team)))
            {
                error(route.Name, "metadata.team", $"team '{team}' does not exist (and is not in the files, or is being pruned).");
            }
            for (var i = 0; i < route.Services.Count; i++)
            {
                if (!services.ContainsKey(route.Services[i]) && (written || state.IsDeleted("Service", route.Services[i])))
                {
                    error(route.Name, $"spec.match.services[{i}]", $"service '{route.Services[i]}' does not exist (and is not in the files, or is being pruned).");
                }
            }
            for (var i = 0; i < route.Channels.Count; i++)
            {
                var channel = route.Channels[i];
                var exists = channels.ContainsKey(channel) || (_storedChannels.ContainsKey(channel) && !state.IsDeleted(ChannelKind, channel));
                if (!exists && (written || state.IsDeleted(ChannelKind, channel)))
                {
                    error(route.Name, $"spec.targets.channels[{i}]", $"notification channel '{channel}' does not exist (and is not in the files, or is being pruned).");
                }
            }
        }
    }

    public async Task<bool> CanChangeAsync(ClaimsPrincipal user, IConfigDefinition? before, IConfigDefinition? after, CancellationToken cancellationToken)
    {
        var old = (before as RouteConfig)?.Route;
        var now = (after as RouteConfig)?.Route;
        return await access.RefusalAsync(user, old is not null, old?.Team, now, cancellationToken) is null;
    }

    // Runs after the services and channels of the same apply are written, so whose they are is
    // checked here against the database (inside the apply's transaction).
    public async Task UpsertAsync(IReadOnlyList<IConfigDefinition> definitions, CancellationToken cancellationToken)
    {
        var wanted = definitions.Cast<RouteConfig>().Select(c => c.Route).ToList();
        var names = wanted.Select(r => r.Name).ToList();
        var teamNames = wanted.Select(r => r.Team).OfType<string>().Distinct().ToList();
        var teams = await db.Teams.Where(t => teamNames.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id, cancellationToken);
        var serviceNames = wanted.SelectMany(r => r.Services).Distinct().ToList();
        var services = await db.Services.Where(s => serviceNames.Contains(s.Name)).Select(s => new { s.Name, Team = s.Team!.Name }).ToDictionaryAsync(s => s.Name, s => s.Team, cancellationToken);
        var channelNames = wanted.SelectMany(r => r.Channels).Distinct().ToList();
        var channels = await db.NotificationChannels.Where(c => channelNames.Contains(c.Name)).Select(c => new { c.Name, Team = c.Team!.Name }).ToDictionaryAsync(c => c.Name, c => c.Team, cancellationToken);
        var policies = await AlertRouteCatalog.PolicyTeamsAsync(db, [.. wanted.Select(r => r.EscalationPolicy).OfType<string>().Distinct()], cancellationToken);
        var errors = new ValidationErrors();
        foreach (var definition in wanted)
        {
            AlertRouteCatalog.CheckReferences(definition, services, channels, policies, errors, $"{Kind} '{definition.Name}': spec.");
        }
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        var existing = await db.AlertRoutes.Where(r => names.Contains(r.Name)).ToDictionaryAsync(r => r.Name, cancellationToken);
        var now = time.StoredNow();
        foreach (var definition in wanted)
        {
            if (!existing.TryGetValue(definition.Name, out var route))
            {
                route = new AlertRoute { Id = Guid.CreateVersion7(now), Name = definition.Name, CreatedAt = now };
                db.AlertRoutes.Add(route);
            }
            definition.CopyTo(route);
            route.TeamId = definition.Team is null ? null : teams[definition.Team];
            route.ManagedBy = ManagedBy.Apply;
            route.Revision++;
            route.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        router.Invalidate();
    }

    public async Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await db.AlertRoutes.Where(r => names.Contains(r.Name)).ExecuteDeleteAsync(cancellationToken);
        router.Invalidate();
    }

    private sealed record RouteConfig(AlertRouteSpec Route) : IConfigDefinition
    {
        public string Name => Route.Name;
    }

    private sealed class RouteDocumentSpec
    {
        public int? Order { get; init; }
        public AlertRouteMatch? Match { get; init; }
        public AlertRouteTargets? Targets { get; init; }
        public bool? Continue { get; init; }
        public bool? Enabled { get; init; }
    }
}
