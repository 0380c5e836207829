namespace Unyo.Client;

/// <summary>Declares an incident.</summary>
public sealed record DeclareIncidentRequest
{
    /// <summary>What is broken, at most 200 characters (required).</summary>
    public string? Title { get; init; }
    /// <summary>1 (SEV1, the worst) to 4 (required).</summary>
    public int? Severity { get; init; }
    /// <summary>Slugs of the impacted services.</summary>
    public IReadOnlyList<string>? Services { get; init; }
    /// <summary>What is known so far, in Markdown.</summary>
    public string? Summary { get; init; }
    /// <summary>Email of the commander. Default: the person declaring; a team token must name one or the incident starts without a commander.</summary>
    public string? Commander { get; init; }
    /// <summary>Ids of alerts to link (each to one incident at most).</summary>
    public IReadOnlyList<long>? Alerts { get; init; }
    /// <summary>A private incident is seen only by <see cref="Teams"/> and admins.</summary>
    public bool? Private { get; init; }
    /// <summary>Team slugs that may see a private incident (at least one when private).</summary>
    public IReadOnlyList<string>? Teams { get; init; }
    /// <summary>Where it was declared: <c>api</c> (default) or <c>cli</c>.</summary>
    public string? Source { get; init; }
}

/// <summary>Changes an incident; absent fields stay as they are.</summary>
public sealed record UpdateIncidentRequest
{
    /// <summary>New title.</summary>
    public string? Title { get; init; }
    /// <summary>New severity, 1 to 4.</summary>
    public int? Severity { get; init; }
    /// <summary><c>investigating</c>, <c>identified</c>, <c>monitoring</c> or <c>resolved</c>.</summary>
    public string? Status { get; init; }
    /// <summary>New summary, Markdown.</summary>
    public string? Summary { get; init; }
    /// <summary>The revision read (instead of an If-Match header).</summary>
    public int? Revision { get; init; }
}

/// <summary>A Markdown note for an incident's timeline.</summary>
public sealed record IncidentNoteRequest
{
    /// <summary>Markdown, at most 20000 characters (required).</summary>
    public string? Text { get; init; }
}

/// <summary>Gives a role to a person (handing it over from whoever holds it).</summary>
public sealed record AssignIncidentRoleRequest
{
    /// <summary>The person's email (required).</summary>
    public string? User { get; init; }
}

/// <summary>Adds an impacted service.</summary>
public sealed record IncidentServiceRequest
{
    /// <summary>Service slug (required).</summary>
    public string? Service { get; init; }
}

/// <summary>Links an alert.</summary>
public sealed record IncidentAlertRequest
{
    /// <summary>The alert's id (required).</summary>
    public long? Alert { get; init; }
}

/// <summary>Merges this incident, a duplicate, into another.</summary>
public sealed record MergeIncidentRequest
{
    /// <summary>The id of the incident that carries on (required).</summary>
    public long? Into { get; init; }
}

/// <summary>Makes an incident private (seen by the named teams and admins) or public.</summary>
public sealed record IncidentVisibilityRequest
{
    /// <summary>Whether it is private (required).</summary>
    public bool? Private { get; init; }
    /// <summary>Team slugs that may see it when private (at least one).</summary>
    public IReadOnlyList<string>? Teams { get; init; }
}

/// <summary>An incident as lists show it.</summary>
/// <param name="Id">The number people say.</param>
/// <param name="Title">What is broken.</param>
/// <param name="Severity">1 to 4.</param>
/// <param name="SeverityName">The policy's name for it.</param>
/// <param name="Status"><c>investigating</c>, <c>identified</c>, <c>monitoring</c> or <c>resolved</c>.</param>
/// <param name="Private">Seen by named teams and admins only.</param>
/// <param name="Source"><c>ui</c>, <c>api</c>, <c>cli</c> or <c>rule:NAME</c>.</param>
/// <param name="DeclaredBy">Who declared it.</param>
/// <param name="DeclaredAt">When.</param>
/// <param name="DetectedAt">Earliest linked alert, else the declaration.</param>
/// <param name="AcknowledgedAt">First acknowledgement of a linked alert, or first status change by a person.</param>
/// <param name="MitigatedAt">When it first went to monitoring.</param>
/// <param name="ResolvedAt">When it was resolved.</param>
/// <param name="MergedInto">The incident it was merged into, if it was a duplicate.</param>
/// <param name="Commander">Email of the commander, if there is one.</param>
/// <param name="Services">Impacted service slugs.</param>
/// <param name="Revision">Grows with every change; send it back as If-Match.</param>
public sealed record IncidentResponse(
    long Id, string Title, int Severity, string SeverityName, string Status, bool Private, string Source, string DeclaredBy, DateTimeOffset DeclaredAt,
    DateTimeOffset DetectedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? MitigatedAt, DateTimeOffset? ResolvedAt, long? MergedInto,
    string? Commander, IReadOnlyList<string> Services, int Revision);

/// <summary>One incident with everything hanging off it.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="Summary">Markdown.</param>
/// <param name="Roles">Every role of the policy with its holder now.</param>
/// <param name="RoleHistory">Every assignment, oldest first.</param>
/// <param name="Alerts">Linked alerts.</param>
/// <param name="Teams">Teams that may see it when private.</param>
/// <param name="Timeline">Everything that happened, oldest first.</param>
/// <param name="Warnings">What needs attention (a required role nobody holds).</param>
public sealed record IncidentDetailResponse(
    IncidentResponse Incident, string? Summary, IReadOnlyList<IncidentRoleResponse> Roles, IReadOnlyList<IncidentRoleAssignmentResponse> RoleHistory,
    IReadOnlyList<IncidentAlertResponse> Alerts, IReadOnlyList<string> Teams, IReadOnlyList<IncidentTimelineEntryResponse> Timeline, IReadOnlyList<string> Warnings);

/// <summary>A role and who holds it now.</summary>
/// <param name="Key">The role's key.</param>
/// <param name="Name">Its name.</param>
/// <param name="Duties">What whoever takes it does.</param>
/// <param name="Required">Whether someone should always hold it.</param>
/// <param name="Holder">Email of the holder, or null.</param>
/// <param name="Since">Since when.</param>
public sealed record IncidentRoleResponse(string Key, string Name, string Duties, bool Required, string? Holder, DateTimeOffset? Since);

/// <summary>One assignment of a role.</summary>
/// <param name="Role">The role's key.</param>
/// <param name="User">The holder's email.</param>
/// <param name="AssignedAt">From.</param>
/// <param name="AssignedBy">By whom.</param>
/// <param name="EndedAt">Until, or null while held.</param>
/// <param name="EndedBy">Who ended it.</param>
public sealed record IncidentRoleAssignmentResponse(string Role, string User, DateTimeOffset AssignedAt, string AssignedBy, DateTimeOffset? EndedAt, string? EndedBy);

/// <summary>A linked alert.</summary>
/// <param name="Id">The alert's id.</param>
/// <param name="Summary">Its summary.</param>
/// <param name="Service">Its service's slug.</param>
/// <param name="Status">Its status.</param>
/// <param name="FirstSeenAt">When it triggered.</param>
/// <param name="LinkedAt">When it was linked.</param>
/// <param name="LinkedBy">Who linked it.</param>
public sealed record IncidentAlertResponse(long Id, string Summary, string Service, string Status, DateTimeOffset FirstSeenAt, DateTimeOffset LinkedAt, string LinkedBy);

/// <summary>One timeline entry.</summary>
/// <param name="Id">Grows along the timeline.</param>
/// <param name="At">When.</param>
/// <param name="Kind"><c>declared</c>, <c>note</c>, <c>status</c>, <c>severity</c>, <c>role</c>, <c>alert</c>, <c>milestone</c>, ...</param>
/// <param name="Actor">A person's email, a token's name, or <c>unyo</c>.</param>
/// <param name="Text">Markdown for notes, plain text otherwise.</param>
/// <param name="AlertId">The alert it is about.</param>
public sealed record IncidentTimelineEntryResponse(long Id, DateTimeOffset At, string Kind, string Actor, string? Text, long? AlertId);
