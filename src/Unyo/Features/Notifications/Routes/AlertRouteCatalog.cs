using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Audit;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Routes;

// Reads and writes alert routes for the API and the pages. Every write checks what the route
// names against the stored state and saves once with its audit record; this node's router
// reloads right after.
public sealed class AlertRouteCatalog(UnyoDb db, TimeProvider time, AuditLog audit, AlertRouter router)
{
    public Task<AlertRoute?> FindAsync(string name, CancellationToken cancellationToken) =>
        db.AlertRoutes.Include(r => r.Team).SingleOrDefaultAsync(r => r.Name == name, cancellationToken);

    // Every route in evaluation order (order, then name): routes are few, and an ordered list
    // is only useful whole.
    public async Task<IReadOnlyList<AlertRouteResponse>> ListAsync(string? team, CancellationToken cancellationToken)
    {
        IQueryable<AlertRoute> query = db.AlertRoutes.Include(r => r.Team).AsNoTracking();
        if (!string.IsNullOrEmpty(team))
        {
            query = query.Where(r => r.Team!.Name == team);
        }
        return [.. (await query.ToListAsync(cancellationToken)).OrderBy(r => r.Order).ThenBy(r => r.Name, StringComparer.Ordinal).Select(ToResponse)];
    }

    // Needs the route loaded with its team (FindAsync does).
    public static AlertRouteResponse ToResponse(AlertRoute route)
    {
        var spec = Spec(route);
        return new AlertRouteResponse(spec.Name, spec.Team, spec.Order, spec.MatchResponse(), new AlertRouteTargets { Channels = spec.Channels, EscalationPolicy = spec.EscalationPolicy },
            spec.Continue, spec.Enabled, route.ManagedBy.ToName(), route.Revision, route.CreatedAt, route.UpdatedAt);
    }

    public static AlertRouteSpec Spec(AlertRoute route) => AlertRouteSpec.From(route, route.Team?.Name);

    public async Task<AlertRoute> CreateAsync(AlertRouteSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        if (await db.AlertRoutes.AnyAsync(r => r.Name == spec.Name, cancellationToken))
        {
            throw NameTaken(spec.Name);
        }
        var now = time.StoredNow();
        var route = new AlertRoute { Id = Guid.CreateVersion7(now), Name = spec.Name, CreatedAt = now };
        await WriteAsync(route, spec, managedBy, now, cancellationToken);
        db.AlertRoutes.Add(route);
        audit.Record("alertroute.create", AlertRouteSpec.KindName, spec.Name, null, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
        return route;
    }

    public async Task UpdateAsync(AlertRoute route, AlertRouteSpec spec, ManagedBy managedBy, CancellationToken cancellationToken)
    {
        var before = Spec(route).ToDocument();
        await WriteAsync(route, spec, managedBy, time.StoredNow(), cancellationToken);
        audit.Record("alertroute.update", AlertRouteSpec.KindName, spec.Name, before, spec.ToDocument(), managedBy.ToName());
        await SaveAsync(spec.Name, cancellationToken);
    }

    public async Task DeleteAsync(AlertRoute route, string source, CancellationToken cancellationToken)
    {
        audit.Record("alertroute.delete", AlertRouteSpec.KindName, route.Name, Spec(route).ToDocument(), null, source);
        db.AlertRoutes.Remove(route);
        await SaveAsync(route.Name, cancellationToken);
    }

    // What the route names must exist, and a team's route may only name its own services and channels.
    public static void CheckReferences(AlertRouteSpec spec, IReadOnlyDictionary<string, string> serviceTeams, IReadOnlyDictionary<string, string> channelTeams, IReadOnlyDictionary<string, string> policyTeams, ValidationErrors errors, string prefix = "")
    {
        for (var i = 0; i < spec.Services.Count; i++)
        {
            if (!serviceTeams.TryGetValue(spec.Services[i], out var owner))
            {
                errors.Add($"{prefix}match.services[{i}]", $"service '{spec.Services[i]}' does not exist.");
            }
            else if (spec.Team is { } team && owner != team)
            {
                errors.Add($"{prefix}match.services[{i}]", $"service '{spec.Services[i]}' belongs to team '{owner}': a team's route only matches its own services.");
            }
        }
        for (var i = 0; i < spec.Channels.Count; i++)
        {
            if (!channelTeams.TryGetValue(spec.Channels[i], out var owner))
            {
                errors.Add($"{prefix}targets.channels[{i}]", $"notification channel '{spec.Channels[i]}' does not exist.");
            }
            else if (spec.Team is { } team && owner != team)
            {
                errors.Add($"{prefix}targets.channels[{i}]", $"notification channel '{spec.Channels[i]}' belongs to team '{owner}': a team's route only targets its own channels.");
            }
        }
        if (spec.EscalationPolicy is { } policy)
        {
            if (!policyTeams.TryGetValue(policy, out var owner))
            {
                errors.Add($"{prefix}targets.escalationPolicy", $"escalation policy '{policy}' does not exist.");
            }
            else if (spec.Team is { } team && owner != team)
            {
                errors.Add($"{prefix}targets.escalationPolicy", $"escalation policy '{policy}' belongs to team '{owner}': a team's route only targets its own policies.");
            }
        }
    }

    public static Task<Dictionary<string, string>> PolicyTeamsAsync(UnyoDb db, IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        db.EscalationPolicies.Where(p => names.Contains(p.Name)).Select(p => new { p.Name, Team = p.Team!.Name }).ToDictionaryAsync(p => p.Name, p => p.Team, cancellationToken);

    private async Task WriteAsync(AlertRoute route, AlertRouteSpec spec, ManagedBy managedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        Accounts.Team? team = null;
        if (spec.Team is not null && (team = await db.Teams.SingleOrDefaultAsync(t => t.Name == spec.Team, cancellationToken)) is null)
        {
            errors.Add("team", $"team '{spec.Team}' does not exist.");
        }
        var serviceNames = spec.Services.ToList();
        var services = await db.Services.Where(s => serviceNames.Contains(s.Name)).Select(s => new { s.Name, Team = s.Team!.Name }).ToDictionaryAsync(s => s.Name, s => s.Team, cancellationToken);
        var channelNames = spec.Channels.ToList();
        var channels = await db.NotificationChannels.Where(c => channelNames.Contains(c.Name)).Select(c => new { c.Name, Team = c.Team!.Name }).ToDictionaryAsync(c => c.Name, c => c.Team, cancellationToken);
        var policies = await PolicyTeamsAsync(db, spec.EscalationPolicy is { } p ? [p] : [], cancellationToken);
        CheckReferences(spec, services, channels, policies, errors);
        if (!errors.IsEmpty)
        {
            throw new RequestValidationException(errors);
        }
        spec.CopyTo(route);
        route.TeamId = team?.Id;
        route.Team = team;
        route.ManagedBy = managedBy;
        route.Revision++;
        route.UpdatedAt = now;
    }

    private async Task SaveAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestValidationException(new ValidationErrors().Add("revision", $"alert route '{name}' was changed by someone else while this request ran; read it again and retry."), StatusCodes.Status412PreconditionFailed, "The object changed since you read it.");
        }
        catch (DbUpdateException exception) when (DatabaseProvider.IsUniqueViolation(exception))
        {
            throw NameTaken(name);
        }
        try
        {
            await router.ReloadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The write is committed; the worker's next look (within a second) picks it up.
            router.Invalidate();
        }
    }

    private static RequestValidationException NameTaken(string name) =>
        new(new ValidationErrors().Add("name", $"an alert route named '{name}' already exists."), StatusCodes.Status409Conflict, "The name is taken.");
}
