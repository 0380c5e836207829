namespace Unyo.Client;

/// <summary>Whether a service may ship now.</summary>
/// <param name="Service">The service asked about.</param>
/// <param name="Allowed">True when the release may go out (allow or warn, or frozen but exempt or overridden).</param>
/// <param name="Decision">"allow", "warn" or "freeze": what the error-budget policy says, before exemptions and overrides.</param>
/// <param name="Reasons">Why, one sentence each.</param>
/// <param name="Slos">Each SLO of the service and what it says.</param>
/// <param name="Policy">The policy applied, in words.</param>
/// <param name="Override">The admin override in force, if any.</param>
/// <param name="ExemptLabels">The change's labels that exempt it.</param>
/// <param name="PolicyName">The name of the error-budget policy applied; null for the built-in policy.</param>
/// <param name="PolicySource">Where the policy comes from: <c>service</c> (a policy naming the service), <c>default</c> (the organisation default) or <c>built-in</c>.</param>
public sealed record ReleaseGateResponse(
    string Service, bool Allowed, string Decision, IReadOnlyList<string> Reasons, IReadOnlyList<GateSloResponse> Slos,
    string Policy, GateOverrideResponse? Override, IReadOnlyList<string> ExemptLabels, string? PolicyName, string PolicySource);

/// <summary>One SLO as the gate sees it.</summary>
/// <param name="Slo">Its name.</param>
/// <param name="HasData">False when its window holds no events.</param>
/// <param name="BudgetRemainingPercent">Budget left (100 untouched, 0 spent, negative overspent); null without data.</param>
/// <param name="Exhausted">True when the budget is spent.</param>
/// <param name="Decision">"allow", "warn" or "freeze" for this SLO.</param>
public sealed record GateSloResponse(string Slo, bool HasData, double? BudgetRemainingPercent, bool Exhausted, string Decision);

/// <summary>Lets a frozen service ship for a while (organisation admins only).</summary>
public sealed record CreateGateOverrideRequest
{
    /// <summary>Why shipping is right despite the policy; kept in the audit log. 10–500 characters.</summary>
    public string? Reason { get; init; }
    /// <summary>How long it lasts: 1–168 hours, default 24.</summary>
    public int? Hours { get; init; }
}

/// <summary>An admin override of the release gate.</summary>
public sealed record GateOverrideResponse(Guid Id, string Service, string Reason, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt);
