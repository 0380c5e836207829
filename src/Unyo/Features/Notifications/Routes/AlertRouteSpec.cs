using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Features.Notifications.Routes;

// An alert route as the API and YAML describe it, after validation and defaults: what plans
// compare, exports write and audit records keep. Everything keeps its written order (field
// errors point into it); services, severities and urgencies are sets, so responses and documents
// list them sorted. Channels are notified in their written order.
public sealed record AlertRouteSpec(
    string Name,
    string? Team,
    int Order,
    IReadOnlyList<string> Services,
    IReadOnlyList<AlertSeverity> Severities,
    IReadOnlyList<AlertUrgency> Urgencies,
    IReadOnlyList<LabelMatcher> Matchers,
    IReadOnlyList<string> Channels,
    bool Continue,
    bool Enabled,
    string? EscalationPolicy = null)
{
    public const string KindName = "AlertRoute";

    public static AlertRouteSpec From(AlertRoute route, string? team) => new(
        route.Name, team, route.Order,
        [.. route.Services],
        [.. route.Severities.Select(s => Enum.Parse<AlertSeverity>(s, ignoreCase: true))],
        [.. route.Urgencies.Select(u => Enum.Parse<AlertUrgency>(u, ignoreCase: true))],
        [.. route.Matchers.Select(LabelMatchers.FromStored)],
        [.. route.Channels],
        route.Continue, route.Enabled, route.EscalationPolicy);

    public AlertRouteMatchResponse MatchResponse() => new(
        [.. Services.Order(StringComparer.Ordinal)], [.. Severities.Order().Select(AlertFacts.NameOf)], [.. Urgencies.Order().Select(AlertFacts.NameOf)],
        [.. Matchers.Select(m => m.ToString())]);

    public JsonObject ToDocument()
    {
        var metadata = new JsonObject { ["name"] = Name };
        if (Team is not null)
        {
            metadata["team"] = Team;
        }
        var match = MatchResponse();
        var spec = new JsonObject()
            .With("order", Order)
            .With("match", new JsonObject()
                .With("services", match.Services)
                .With("severities", match.Severities)
                .With("urgencies", match.Urgencies)
                .With("matchers", match.Matchers))
            .With("targets", new JsonObject().With("channels", Channels).With("escalationPolicy", EscalationPolicy))
            .With("continue", Continue)
            .With("enabled", Enabled);
        return ConfigDocuments.Document(KindName, metadata, spec);
    }

    public void CopyTo(AlertRoute route)
    {
        route.Name = Name;
        route.Order = Order;
        route.Services = [.. Services];
        route.Severities = [.. Severities.Select(AlertFacts.NameOf)];
        route.Urgencies = [.. Urgencies.Select(AlertFacts.NameOf)];
        route.Matchers = [.. Matchers.Select(m => m.ToString())];
        route.Channels = [.. Channels];
        route.EscalationPolicy = EscalationPolicy;
        route.Continue = Continue;
        route.Enabled = Enabled;
    }
}
