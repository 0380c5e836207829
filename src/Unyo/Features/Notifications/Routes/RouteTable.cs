using Microsoft.EntityFrameworkCore;
using Unyo.Client;
using Unyo.Data;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Notifications.Routes;

// The routes in evaluation order (Order, then name) and the channels they may use, as of one
// read. Immutable: the router swaps whole tables, readers need no lock.
public sealed class RouteTable
{
    public static readonly RouteTable Empty = new([], []);

    private readonly CompiledRoute[] _routes;
    private readonly Dictionary<string, RouteChannel> _channels;
    private readonly Dictionary<(string Team, ChannelUse Use), RouteTarget[]> _defaults;
    private readonly Dictionary<string, RoutePolicy> _policies;
    // A service's own escalation policy, used when no matching route names one.
    private readonly Dictionary<string, RoutePolicy> _servicePolicies;

    public RouteTable(IEnumerable<AlertRouteSpec> routes, IEnumerable<RouteChannel> channels, IEnumerable<RoutePolicy>? policies = null, IReadOnlyDictionary<string, string>? servicePolicies = null)
    {
        _policies = (policies ?? []).ToDictionary(p => p.Name, StringComparer.Ordinal);
        _servicePolicies = (servicePolicies ?? new Dictionary<string, string>())
            .Where(s => _policies.ContainsKey(s.Value)).ToDictionary(s => s.Key, s => _policies[s.Value], StringComparer.Ordinal);
        _routes = [.. routes.OrderBy(r => r.Order).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => new CompiledRoute(r))];
        _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _defaults = _channels.Values.Where(c => c.Enabled).GroupBy(c => (c.Team, c.Use))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.ToTarget()).ToArray());
    }

    public IReadOnlyList<CompiledRoute> Routes => _routes;

    public static async Task<RouteTable> LoadAsync(UnyoDb db, ILogger logger, CancellationToken cancellationToken)
    {
        var rows = await db.AlertRoutes.AsNoTracking().Select(r => new { Route = r, Team = r.Team == null ? null : r.Team.Name }).ToListAsync(cancellationToken);
        var channels = await db.NotificationChannels.AsNoTracking()
            .Select(c => new RouteChannel(c.Id, c.Name, c.Team!.Name, c.Use, c.Enabled)).ToListAsync(cancellationToken);
        var policies = await db.EscalationPolicies.AsNoTracking().Select(p => new RoutePolicy(p.Id, p.Name, p.Team!.Name)).ToListAsync(cancellationToken);
        var servicePolicies = await db.ServiceEscalationPolicies.AsNoTracking()
            .Select(s => new { Service = s.Service!.Name, Policy = s.Policy!.Name }).ToDictionaryAsync(s => s.Service, s => s.Policy, StringComparer.Ordinal, cancellationToken);
        var routes = new List<AlertRouteSpec>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                routes.Add(AlertRouteSpec.From(row.Route, row.Team));
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
            {
                logger.LogError(exception, "Alert route {Route} cannot be read; it is skipped until it is saved again", row.Route.Name);
            }
        }
        return new RouteTable(routes, channels, policies, servicePolicies);
    }

    public RouteDecision Route(AlertFacts facts) => Decide(facts, null);

    // The decision, and every route's verdict in order, for the preview.
    public AlertRoutePreviewResponse Preview(AlertFacts facts)
    {
        var steps = new List<AlertRoutePreviewStep>();
        var decision = Decide(facts, steps);
        return new AlertRoutePreviewResponse(facts.Service, facts.Team, steps, decision.Routes, [.. decision.Targets.Select(t => t.Name)], decision.UsedDefault,
            decision.Reason ?? $"matched {string.Join(", ", decision.Routes)}; notifying {string.Join(", ", decision.Targets.Select(t => t.Name))}");
    }

    private RouteDecision Decide(AlertFacts facts, List<AlertRoutePreviewStep>? steps)
    {
        List<string>? matched = null;
        List<RouteTarget>? targets = null;
        List<string>? skipped = null;
        var stopped = false;
        foreach (var route in _routes)
        {
            if (stopped)
            {
                steps?.Add(new(route.Name, route.Spec.Order, false, $"not reached: route '{matched![^1]}' matched and does not continue"));
                continue;
            }
            if (!route.Spec.Enabled || !route.Matches(facts))
            {
                steps?.Add(new(route.Name, route.Spec.Order, false, route.Explain(facts)));
                continue;
            }
            (matched ??= []).Add(route.Name);
            targets ??= [];
            foreach (var name in route.Spec.Channels)
            {
                // A channel deleted, disabled or moved to another team since the route was written.
                if (_channels.TryGetValue(name, out var channel) && channel.Enabled && (route.Spec.Team is null || route.Spec.Team == channel.Team))
                {
                    if (!targets.Exists(t => t.Id == channel.Id))
                    {
                        targets.Add(channel.ToTarget());
                    }
                }
                else
                {
                    (skipped ??= []).Add(name);
                }
            }
            if (route.Spec.EscalationPolicy is { } policyName)
            {
                if (_policies.TryGetValue(policyName, out var policy) && (route.Spec.Team is null || route.Spec.Team == policy.Team))
                {
                    if (!targets.Exists(t => t.Id == policy.Id))
                    {
                        targets.Add(policy.ToTarget());
                    }
                }
                else
                {
                    (skipped ??= []).Add($"escalation policy {policyName}");
                }
            }
            steps?.Add(new(route.Name, route.Spec.Order, true, route.Spec.Continue ? "matches; continues" : "matches"));
            stopped = !route.Spec.Continue;
        }
        var skippedNote = skipped is null ? null : $"channel {string.Join(", ", skipped.Distinct())} skipped (disabled, deleted or not the route's team's)";
        // The service's own policy pages when no matching route named a policy.
        var servicePolicy = _servicePolicies.TryGetValue(facts.Service, out var own) && !(targets?.Exists(t => t.Kind == RouteTargetKind.EscalationPolicy) ?? false) ? own : null;
        var serviceNote = servicePolicy is null ? null : $"service {facts.Service}'s escalation policy {servicePolicy.Name} pages";
        if (matched is not null && targets is { Count: > 0 })
        {
            return servicePolicy is null
                ? new RouteDecision(matched, targets, false, skippedNote)
                : new RouteDecision(matched, [.. targets, servicePolicy.ToTarget()], false, skippedNote is null ? null : $"{skippedNote}; {serviceNote}");
        }
        // Nothing decided, or what matched can reach no one: a page must not be lost, so the
        // service team's own channels take it.
        var use = facts.Urgency == AlertUrgency.High ? ChannelUse.Paging : ChannelUse.Chat;
        var useName = use == ChannelUse.Paging ? "paging" : "chat";
        var why = matched is null ? "no route matched" : $"route {string.Join(", ", matched)} matched but none of its channels can be used ({skippedNote})";
        var decided = servicePolicy is null ? "" : $"; {serviceNote}";
        RouteTarget[] policyTargets = servicePolicy is null ? [] : [servicePolicy.ToTarget()];
        return _defaults.TryGetValue((facts.Team, use), out var defaults)
            ? new RouteDecision(matched ?? [], [.. defaults, .. policyTargets], true, $"{why}; sent to team {facts.Team}'s {useName} channels{decided}")
            : new RouteDecision(matched ?? [], policyTargets, true, servicePolicy is null ? $"{why}; team {facts.Team} has no {useName} channel" : $"{why}{decided}");
    }
}
