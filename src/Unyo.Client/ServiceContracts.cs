namespace Unyo.Client;

/// <summary>A link shown on a service page (dashboards, docs, chat channels).</summary>
/// <param name="Title">What the link is, as people say it.</param>
/// <param name="Url">An absolute http(s) URL.</param>
public sealed record ServiceLink(string Title, string Url);

/// <summary>Creates or replaces a service. Every field is checked by the same validator the UI and YAML use.</summary>
public sealed record ServiceRequest
{
    /// <summary>Slug: lower-case letters, digits and dashes, 2–63 characters. Required on create; on update it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Human name; defaults to the slug.</summary>
    public string? DisplayName { get; init; }
    /// <summary>Slug of the owning team (required).</summary>
    public string? Team { get; init; }
    /// <summary>1 (most critical) to 4; defaults to 3.</summary>
    public int? Tier { get; init; }
    /// <summary>experimental, production or deprecated; defaults to production.</summary>
    public string? Lifecycle { get; init; }
    /// <summary>Free text, at most 2000 characters.</summary>
    public string? Description { get; init; }
    /// <summary>Where on-call finds how to operate this service (absolute http(s) URL).</summary>
    public string? RunbookUrl { get; init; }
    /// <summary>Source repository (absolute http(s) URL).</summary>
    public string? RepositoryUrl { get; init; }
    /// <summary>Free tags such as <c>payments</c> or <c>system:checkout</c>.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>Links shown on the service page.</summary>
    public IReadOnlyList<ServiceLink>? Links { get; init; }
    /// <summary>Slugs of services this one depends on; cycles are refused.</summary>
    public IReadOnlyList<string>? DependsOn { get; init; }
}

/// <summary>A service in the catalog. The <c>ETag</c> header of a single-service response carries its revision.</summary>
/// <param name="Name">Slug, unique in the organisation.</param>
/// <param name="DisplayName">Human name.</param>
/// <param name="Team">Slug of the owning team.</param>
/// <param name="Tier">1 (most critical) to 4.</param>
/// <param name="Lifecycle">experimental, production or deprecated.</param>
/// <param name="Description">Free text.</param>
/// <param name="RunbookUrl">Runbook URL, if any.</param>
/// <param name="RepositoryUrl">Repository URL, if any.</param>
/// <param name="Tags">Tags, sorted.</param>
/// <param name="Links">Links, in the order given.</param>
/// <param name="DependsOn">Slugs of the services this one depends on, sorted.</param>
/// <param name="Dependents">Slugs of the services that depend on this one, sorted.</param>
/// <param name="ManagedBy">api, ui or apply: only apply-managed objects are ever pruned.</param>
/// <param name="Revision">Increases with every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record ServiceResponse(
    string Name,
    string DisplayName,
    string Team,
    int Tier,
    string Lifecycle,
    string? Description,
    string? RunbookUrl,
    string? RepositoryUrl,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ServiceLink> Links,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> Dependents,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
