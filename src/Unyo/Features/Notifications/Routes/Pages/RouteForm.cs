using Unyo.Client;

namespace Unyo.Features.Notifications.Routes.Pages;

// What the route form posts: plain strings, so a refused form comes back exactly as typed. Lists
// are comma-separated, matchers one per line.
public sealed class RouteForm
{
    public string? Name { get; set; }
    public string? Team { get; set; }
    public string? Order { get; set; } = "1000";
    public string? Services { get; set; }
    public string? Severities { get; set; }
    public string? Urgencies { get; set; }
    public string? Matchers { get; set; }
    public string? Channels { get; set; }
    // "true" or "false": selects, since an unticked checkbox posts nothing.
    public string? Continue { get; set; } = "false";
    public string? Enabled { get; set; } = "true";
    public int Revision { get; set; }

    public static RouteForm From(AlertRouteResponse route) => new()
    {
        Name = route.Name,
        Team = route.Team,
        Order = route.Order.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Services = string.Join(", ", route.Match.Services),
        Severities = string.Join(", ", route.Match.Severities),
        Urgencies = string.Join(", ", route.Match.Urgencies),
        Matchers = string.Join("\n", route.Match.Matchers),
        Channels = string.Join(", ", route.Targets.Channels ?? []),
        Continue = route.Continue ? "true" : "false",
        Enabled = route.Enabled ? "true" : "false",
        Revision = route.Revision,
    };

    public AlertRouteRequest ToRequest() => new()
    {
        Name = Name?.Trim(),
        Team = string.IsNullOrWhiteSpace(Team) ? null : Team.Trim(),
        Order = int.TryParse(Order, out var order) ? order : string.IsNullOrWhiteSpace(Order) ? null : -1,
        Match = new()
        {
            Services = List(Services),
            Severities = List(Severities),
            Urgencies = List(Urgencies),
            Matchers = [.. (Matchers ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(line => (LabelMatcherRequest?)new LabelMatcherRequest { Expression = line })],
        },
        Targets = new() { Channels = List(Channels) },
        Continue = Continue == "true",
        Enabled = Enabled != "false",
    };

    private static List<string> List(string? text) => [.. (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
