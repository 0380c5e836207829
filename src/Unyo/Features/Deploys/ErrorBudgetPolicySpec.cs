using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Features.Deploys;

// An error-budget policy as the API and YAML describe it, after validation and defaults: the
// canonical form that plans compare, exports write and audit records keep. Services keep the
// order they were written in (field errors point into it); documents list them sorted, so that
// order never shows as a change.
public sealed record ErrorBudgetPolicySpec(
    string Name,
    string? Description,
    bool IsDefault,
    IReadOnlyList<string> Services,
    IReadOnlyList<PolicyStep> Steps,
    bool FreezeWhilePaging,
    IReadOnlyList<string> ExemptLabels)
{
    public const string KindName = "ErrorBudgetPolicy";

    public PolicyRules Rules => new(Steps, FreezeWhilePaging, [.. ExemptLabels.Order(StringComparer.Ordinal)]);

    public static ErrorBudgetPolicySpec From(ErrorBudgetPolicy policy, IEnumerable<string> services)
    {
        var rules = policy.ToRules();
        return new(policy.Name, policy.Description, policy.IsDefault, [.. services.Order(StringComparer.Ordinal)], rules.Steps, rules.FreezeWhilePaging, rules.ExemptLabels);
    }

    public static List<ErrorBudgetPolicyStep> ToContract(IEnumerable<PolicyStep> steps) =>
        [.. steps.Select(s => new ErrorBudgetPolicyStep { RemainingAtOrBelow = s.RemainingAtOrBelow, Decision = ReleaseGate.Name(s.Decision) })];

    // Like SLOs, a policy has no owner of its own (it belongs to the teams of its services), so
    // metadata holds only the name. Exempt labels are always written: an empty list means "none",
    // while leaving the field out means the built-in labels.
    public JsonObject ToDocument()
    {
        var spec = new JsonObject()
            .With("description", Description)
            .With("default", IsDefault ? true : null)
            .With("services", Services.Order(StringComparer.Ordinal).ToList())
            .With("steps", ToContract(Steps))
            .With("freezeWhilePaging", FreezeWhilePaging);
        spec["exemptLabels"] = new JsonArray([.. ExemptLabels.Order(StringComparer.Ordinal).Select(l => JsonValue.Create(l))]);
        return ConfigDocuments.Document(KindName, new JsonObject { ["name"] = Name }, spec);
    }

    // Copies everything but the services, which need ids.
    public void CopyTo(ErrorBudgetPolicy policy)
    {
        policy.Name = Name;
        policy.Description = Description;
        policy.IsDefault = IsDefault;
        policy.Steps = [.. Steps.Select(s => new PolicyStepValue { RemainingAtOrBelowPercent = (double)s.RemainingAtOrBelow, Decision = s.Decision })];
        policy.FreezeWhilePaging = FreezeWhilePaging;
        policy.ExemptLabels = [.. ExemptLabels.Order(StringComparer.Ordinal)];
    }
}
