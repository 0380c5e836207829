namespace Unyo.Client;

/// <summary>One step of an error-budget policy: what the release gate decides once an SLO's remaining budget falls to a threshold.</summary>
public sealed record ErrorBudgetPolicyStep
{
    /// <summary>The step applies when an SLO has this share of its error budget left, in percent, or less: at most 100, at least -1000 (an overspent budget is negative), at most 2 decimals.</summary>
    public decimal? RemainingAtOrBelow { get; init; }
    /// <summary><c>allow</c>, <c>warn</c> (ships, with a warning) or <c>freeze</c> (does not ship unless exempt or overridden).</summary>
    public string? Decision { get; init; }
}

/// <summary>Creates or replaces an error-budget policy. Checked by the same validator the YAML kind <c>ErrorBudgetPolicy</c> uses.</summary>
/// <remarks>A policy either names the services it governs (each service follows at most one policy) or is the organisation default
/// (<see cref="Default"/>), which governs every service without a policy of its own. Without a default, the built-in policy applies.
/// Fields left out keep the built-in policy's values.</remarks>
public sealed record ErrorBudgetPolicyRequest
{
    /// <summary>Slug, unique in the organisation. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Free text, at most 2000 characters: why the policy is as it is.</summary>
    public string? Description { get; init; }
    /// <summary>True for the organisation default (at most one; admins only); it names no services.</summary>
    public bool? Default { get; init; }
    /// <summary>Slugs of the services the policy governs (at least one unless <see cref="Default"/>, at most 200). Members may name only their own teams' services.</summary>
    public IReadOnlyList<string>? Services { get; init; }
    /// <summary>The steps (at least one, at most 10), from the most budget left to the least; decisions must not get less severe as the budget falls.</summary>
    public IReadOnlyList<ErrorBudgetPolicyStep>? Steps { get; init; }
    /// <summary>Freeze while a page burn alert of one of the service's SLOs fires, even with budget left. Default true.</summary>
    public bool? FreezeWhilePaging { get; init; }
    /// <summary>Labels of changes that go out even when frozen (slugs, at most 20). Left out: <c>security-fix</c> and <c>rollback</c>; an empty list exempts nothing.</summary>
    public IReadOnlyList<string>? ExemptLabels { get; init; }
}

/// <summary>A stored error-budget policy. The <c>ETag</c> header of a single-policy response carries its revision.</summary>
/// <param name="Name">Slug, unique in the organisation.</param>
/// <param name="Description">Free text.</param>
/// <param name="Default">True for the organisation default.</param>
/// <param name="Services">The services it governs, in name order (empty for the default).</param>
/// <param name="Teams">The teams owning those services, in name order: their members (and admins) may change it.</param>
/// <param name="Steps">The steps, from the most budget left to the least.</param>
/// <param name="FreezeWhilePaging">Whether a firing page burn alert freezes releases.</param>
/// <param name="ExemptLabels">Labels of changes that go out even when frozen, in name order.</param>
/// <param name="Summary">The policy in one line, as the release gate quotes it.</param>
/// <param name="ManagedBy">api, ui or apply: only apply-managed objects are ever pruned.</param>
/// <param name="Revision">Increases with every change; the ETag is derived from it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record ErrorBudgetPolicyResponse(
    string Name,
    string? Description,
    bool Default,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Teams,
    IReadOnlyList<ErrorBudgetPolicyStep> Steps,
    bool FreezeWhilePaging,
    IReadOnlyList<string> ExemptLabels,
    string Summary,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The error-budget policy that governs a service now, and where it comes from.</summary>
/// <param name="Service">The service asked about.</param>
/// <param name="Source"><c>service</c> (a policy naming the service), <c>default</c> (the organisation default) or <c>built-in</c>.</param>
/// <param name="Policy">The policy's name; null for the built-in policy.</param>
/// <param name="Description">The policy's description, if any.</param>
/// <param name="Steps">The steps, from the most budget left to the least.</param>
/// <param name="FreezeWhilePaging">Whether a firing page burn alert freezes releases.</param>
/// <param name="ExemptLabels">Labels of changes that go out even when frozen.</param>
/// <param name="Summary">The policy in one line, as the release gate quotes it.</param>
public sealed record EffectiveErrorBudgetPolicyResponse(
    string Service,
    string Source,
    string? Policy,
    string? Description,
    IReadOnlyList<ErrorBudgetPolicyStep> Steps,
    bool FreezeWhilePaging,
    IReadOnlyList<string> ExemptLabels,
    string Summary);
