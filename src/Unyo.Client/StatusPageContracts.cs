namespace Unyo.Client;

/// <summary>Creates or replaces a status page. Checked by the same validator the YAML kind <c>StatusPage</c> uses.</summary>
/// <remarks>
/// The page is public at <c>/status/{name}</c> without sign-in: each component shows a status derived from its service's checks,
/// the open public incidents that impact the service, and active maintenance windows on it.
/// </remarks>
public sealed record StatusPageRequest
{
    /// <summary>Slug, unique in the organisation; the public address is <c>/status/{name}</c>. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Slug of the owning team (required): its members and admins may change the page and publish to it.</summary>
    public string? Team { get; init; }
    /// <summary>The heading people see (required, at most 200 characters), such as <c>Acme status</c>.</summary>
    public string? Title { get; init; }
    /// <summary>Plain text under the heading, at most 2000 characters.</summary>
    public string? Description { get; init; }
    /// <summary>The components in display order (1 to 100), each a service of the catalog.</summary>
    public IReadOnlyList<StatusComponentRequest>? Components { get; init; }
}

/// <summary>One component of a status page: a service shown under a public name.</summary>
public sealed record StatusComponentRequest
{
    /// <summary>Slug of the service (required). Any team's service may be shown.</summary>
    public string? Service { get; init; }
    /// <summary>The public name (at most 100 characters); the service's name by default.</summary>
    public string? DisplayName { get; init; }
    /// <summary>Optional group heading the component is shown under (at most 100 characters), such as <c>API</c>.</summary>
    public string? Group { get; init; }
    /// <summary>Optional slug of one check of the service; only its results then judge the component. All the service's checks by default.</summary>
    public string? Check { get; init; }
}

/// <summary>A status page as stored, with what its components show now.</summary>
public sealed record StatusPageResponse(
    string Name, string Team, string Title, string? Description, IReadOnlyList<StatusComponentResponse> Components,
    string PublicUrl, int Subscribers, string ManagedBy, int Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A component and its status now: <c>operational</c>, <c>degraded</c>, <c>partial_outage</c>, <c>major_outage</c> or <c>under_maintenance</c>.</summary>
public sealed record StatusComponentResponse(string Service, string DisplayName, string? Group, string? Check, string Status);

/// <summary>Publishes an incident update to status pages.</summary>
public sealed record StatusUpdateRequest
{
    /// <summary>Slugs of the status pages to publish to (1 to 20). Required.</summary>
    public IReadOnlyList<string>? Pages { get; init; }
    /// <summary><c>investigating</c>, <c>identified</c>, <c>monitoring</c> or <c>resolved</c>: what the public reads as the incident's state. Required.</summary>
    public string? Status { get; init; }
    /// <summary>The message in plain text (required, at most 5000 characters). Shown as written; markup is shown, never run.</summary>
    public string? Message { get; init; }
    /// <summary>The public title of the incident (at most 200 characters); the last one given, or else the incident's title.</summary>
    public string? Title { get; init; }
}

/// <summary>A published update as the API shows it (who published it is internal and only here, never public).</summary>
public sealed record StatusUpdateResponse(long Id, long IncidentId, string Page, string Status, string Title, string Message, DateTimeOffset At, string By);

/// <summary>Adds a webhook subscriber to a status page.</summary>
public sealed record StatusWebhookRequest
{
    /// <summary>The http(s) URL that receives each update as signed JSON (required). Private networks only where an admin allowed them.</summary>
    public string? Url { get; init; }
}

/// <summary>A webhook subscriber; the signing secret is shown once, when it is created.</summary>
public sealed record StatusWebhookResponse(Guid Id, string Url, string? SigningSecret, DateTimeOffset CreatedAt);

/// <summary>Subscribes an email address to a status page's updates (public; double opt-in).</summary>
public sealed record StatusSubscribeRequest
{
    /// <summary>The address to send a confirmation link to (required).</summary>
    public string? Email { get; init; }
}
