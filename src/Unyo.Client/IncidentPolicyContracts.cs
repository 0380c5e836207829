namespace Unyo.Client;

/// <summary>The organisation's incident policy: what each severity means, the roles people take, and the rules that declare incidents from alerts.
/// The same shape is the <c>spec</c> of YAML kind <c>IncidentPolicy</c> (whose <c>metadata.name</c> is <c>default</c>).</summary>
public sealed record IncidentPolicyDocument
{
    /// <summary>Exactly four: levels 1 (SEV1, the worst) to 4, each with a name and a description.</summary>
    public IReadOnlyList<IncidentSeverityDefinition>? Severities { get; init; }
    /// <summary>1 to 12 roles; exactly one must be <c>commander</c>, and it is required.</summary>
    public IReadOnlyList<IncidentRoleDefinition>? Roles { get; init; }
    /// <summary>0 to 50 rules that declare an incident for an alert that matches them; the first that matches declares.</summary>
    public IReadOnlyList<AutoDeclareRule>? Rules { get; init; }
}

/// <summary>What one severity level means.</summary>
public sealed record IncidentSeverityDefinition
{
    /// <summary>1 to 4.</summary>
    public int? Level { get; init; }
    /// <summary>Short name, at most 40 characters (for example <c>Critical</c>).</summary>
    public string? Name { get; init; }
    /// <summary>When to use it, at most 500 characters.</summary>
    public string? Description { get; init; }
}

/// <summary>A role people take in an incident.</summary>
public sealed record IncidentRoleDefinition
{
    /// <summary>Lowercase slug, unique in the policy (<c>commander</c>, <c>communications</c>, ...).</summary>
    public string? Key { get; init; }
    /// <summary>What people call it, at most 60 characters.</summary>
    public string? Name { get; init; }
    /// <summary>The duties shown to whoever takes the role, at most 1000 characters.</summary>
    public string? Duties { get; init; }
    /// <summary>Whether an incident should always have someone in this role (the commander always is).</summary>
    public bool? Required { get; init; }
}

/// <summary>A rule that declares an incident for an alert that matches it.</summary>
public sealed record AutoDeclareRule
{
    /// <summary>Slug, unique in the policy; incidents it declares have source <c>rule:NAME</c>.</summary>
    public string? Name { get; init; }
    /// <summary>What the alert must be (every given condition must hold). Required.</summary>
    public AutoDeclareMatch? Match { get; init; }
    /// <summary>The incident to declare. Required.</summary>
    public AutoDeclareAction? Declare { get; init; }
}

/// <summary>Conditions on an alert and its service; absent conditions always hold.</summary>
public sealed record AutoDeclareMatch
{
    /// <summary><c>high</c> or <c>low</c>.</summary>
    public string? Urgency { get; init; }
    /// <summary>Alert severities, any of <c>critical</c>, <c>error</c>, <c>warning</c>, <c>info</c>.</summary>
    public IReadOnlyList<string>? Severities { get; init; }
    /// <summary>The service's tier is at most this (1 to 5): 1 matches tier-1 services only.</summary>
    public int? MaxTier { get; init; }
    /// <summary>Service slugs; the alert's service must be one of them.</summary>
    public IReadOnlyList<string>? Services { get; init; }
    /// <summary>Service tags; the service must carry at least one.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>Alert labels that must have exactly these values.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>The incident a rule declares.</summary>
public sealed record AutoDeclareAction
{
    /// <summary>1 to 4 (required).</summary>
    public int? Severity { get; init; }
    /// <summary>Private incidents are seen by the service's owning team and admins only.</summary>
    public bool? Private { get; init; }
    /// <summary>The title, at most 200 characters; <c>{summary}</c> and <c>{service}</c> are replaced. Default <c>{summary}</c>.</summary>
    public string? Title { get; init; }
}

/// <summary>The incident policy in force.</summary>
/// <param name="Spec">The policy.</param>
/// <param name="Stored">False while the built-in defaults are in force (nobody has stored a policy).</param>
/// <param name="ManagedBy"><c>api</c>, <c>ui</c> or <c>apply</c>; null for the defaults.</param>
/// <param name="Revision">Grows with every change; send it back as If-Match.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
public sealed record IncidentPolicyResponse(IncidentPolicyDocument Spec, bool Stored, string? ManagedBy, int Revision, DateTimeOffset? UpdatedAt);
