namespace Unyo.Client;

/// <summary>Which alerts a route matches: all given conditions must hold; an empty match matches every alert it may see.</summary>
public sealed record AlertRouteMatch
{
    /// <summary>Slugs of services (at most 200); any of them. A team's route may only name its own team's services.</summary>
    public IReadOnlyList<string>? Services { get; init; }
    /// <summary>Any of <c>critical</c>, <c>error</c>, <c>warning</c>, <c>info</c>.</summary>
    public IReadOnlyList<string>? Severities { get; init; }
    /// <summary>Any of <c>high</c>, <c>low</c>.</summary>
    public IReadOnlyList<string>? Urgencies { get; init; }
    /// <summary>Label matchers (at most 32); all must match.</summary>
    public IReadOnlyList<LabelMatcherRequest?>? Matchers { get; init; }
}

/// <summary>Where a matching alert's notifications go.</summary>
public sealed record AlertRouteTargets
{
    /// <summary>Names of notification channels, in order. A team's route may only name its own team's channels; an organisation route any. Required unless an escalation policy is given.</summary>
    public IReadOnlyList<string>? Channels { get; init; }
    /// <summary>Name of an escalation policy that pages people level by level. A team's route may only name its own team's policies.</summary>
    public string? EscalationPolicy { get; init; }
}

/// <summary>Creates or replaces an alert route. Checked by the same validator the YAML kind <c>AlertRoute</c> uses.</summary>
/// <remarks>
/// Routes are evaluated by <see cref="Order"/>, then name; the first that matches decides, unless it says <see cref="Continue"/>.
/// When none matches, high-urgency alerts go to the service team's enabled paging channels and low-urgency ones to its chat channels.
/// A team's route only ever matches alerts of that team's services, whatever its conditions say.
/// </remarks>
public sealed record AlertRouteRequest
{
    /// <summary>Slug, unique in the organisation. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Slug of the owning team; left out for an organisation route, which only admins make.</summary>
    public string? Team { get; init; }
    /// <summary>Evaluation order, 0 to 100000, lower first; 1000 when left out.</summary>
    public int? Order { get; init; }
    /// <summary>Which alerts it matches.</summary>
    public AlertRouteMatch? Match { get; init; }
    /// <summary>Where their notifications go (required).</summary>
    public AlertRouteTargets? Targets { get; init; }
    /// <summary>Keep evaluating the routes after this one when it matches; false when left out.</summary>
    public bool? Continue { get; init; }
    /// <summary>A disabled route is skipped; true when left out.</summary>
    public bool? Enabled { get; init; }
}

/// <summary>A route's match, in canonical form.</summary>
/// <param name="Services">Service slugs, sorted.</param>
/// <param name="Severities">Severities in severity order.</param>
/// <param name="Urgencies">Urgencies, high first.</param>
/// <param name="Matchers">Matchers in amtool's string form, in the order written.</param>
public sealed record AlertRouteMatchResponse(IReadOnlyList<string> Services, IReadOnlyList<string> Severities, IReadOnlyList<string> Urgencies, IReadOnlyList<string> Matchers);

/// <summary>A stored alert route. The <c>ETag</c> header of a single-route response carries its revision.</summary>
/// <param name="Name">Slug, unique in the organisation.</param>
/// <param name="Team">Owning team; null for an organisation route.</param>
/// <param name="Order">Evaluation order, lower first.</param>
/// <param name="Match">Which alerts it matches.</param>
/// <param name="Targets">Where their notifications go.</param>
/// <param name="Continue">Whether evaluation goes on after a match.</param>
/// <param name="Enabled">Whether it is evaluated at all.</param>
/// <param name="ManagedBy"><c>api</c>, <c>ui</c> or <c>apply</c>.</param>
/// <param name="Revision">Grows with every change.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record AlertRouteResponse(
    string Name,
    string? Team,
    int Order,
    AlertRouteMatchResponse Match,
    AlertRouteTargets Targets,
    bool Continue,
    bool Enabled,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A sample alert to route, to check a routing change before relying on it.</summary>
public sealed record AlertRoutePreviewRequest
{
    /// <summary>Slug of the alert's service (required); its team decides team routes and the default.</summary>
    public string? Service { get; init; }
    /// <summary><c>critical</c>, <c>error</c>, <c>warning</c> or <c>info</c>; <c>error</c> when left out.</summary>
    public string? Severity { get; init; }
    /// <summary><c>high</c> or <c>low</c>; <c>high</c> when left out.</summary>
    public string? Urgency { get; init; }
    /// <summary>The alert's source, as intake would record it; <c>preview</c> when left out.</summary>
    public string? Source { get; init; }
    /// <summary>The integration's name, if the alert would come through one.</summary>
    public string? Integration { get; init; }
    /// <summary>The alert's labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>How one route judged the sample.</summary>
/// <param name="Route">The route's name.</param>
/// <param name="Order">Its order.</param>
/// <param name="Matched">Whether it matched (and so added its channels).</param>
/// <param name="Reason">Why it matched, why not, or why it was not reached.</param>
public sealed record AlertRoutePreviewStep(string Route, int Order, bool Matched, string Reason);

/// <summary>Where the sample alert's notifications would go, now.</summary>
/// <param name="Service">The sample's service.</param>
/// <param name="Team">Its team.</param>
/// <param name="Steps">Every route, in evaluation order, with its verdict.</param>
/// <param name="MatchedRoutes">The routes that matched, in order.</param>
/// <param name="Channels">The channels that would be notified, in order, each once.</param>
/// <param name="UsedDefault">True when no route decided and the team's default channels were used.</param>
/// <param name="Reason">What the alert's timeline would say about the routing.</param>
public sealed record AlertRoutePreviewResponse(
    string Service,
    string Team,
    IReadOnlyList<AlertRoutePreviewStep> Steps,
    IReadOnlyList<string> MatchedRoutes,
    IReadOnlyList<string> Channels,
    bool UsedDefault,
    string Reason);
