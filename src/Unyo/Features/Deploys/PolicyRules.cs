namespace Unyo.Features.Deploys;

// Maps what is left of a service's error budgets to a release decision: while budget remains,
// ship; as it runs low, warn; when it is gone, freeze feature releases and fix reliability.
// Changes labelled with an exempt label (a security fix, a rollback) always go out: they are
// how a team gets its reliability back. Steps run from the most budget left to the least, and
// their decisions never get less severe as the budget falls (the validator sees to it).
public sealed record PolicyRules(IReadOnlyList<PolicyStep> Steps, bool FreezeWhilePaging, IReadOnlyList<string> ExemptLabels)
{
    public static readonly PolicyRules BuiltIn = new(
        [new PolicyStep(25, GateDecision.Warn), new PolicyStep(0, GateDecision.Freeze)],
        FreezeWhilePaging: true,
        ExemptLabels: ["rollback", "security-fix"]);

    // The most severe step whose threshold the remaining budget has reached (of equals, the
    // nearest one); null while the budget is above every threshold.
    public PolicyStep? StepFor(double remainingPercent) =>
        Steps.Where(s => remainingPercent <= (double)s.RemainingAtOrBelow)
            .OrderByDescending(s => s.Decision).ThenBy(s => s.RemainingAtOrBelow).FirstOrDefault();

    public GateDecision For(double remainingPercent) => StepFor(remainingPercent)?.Decision ?? GateDecision.Allow;

    // Why a remaining budget gets its decision, in the policy's own terms.
    public string Explain(double remainingPercent) =>
        StepFor(remainingPercent)?.Describe() ?? $"allow above {PolicyStep.Percent(Steps.Max(s => s.RemainingAtOrBelow))}% left";

    public string Describe() =>
        string.Join("; ", Steps.Select(s => s.Describe()))
        + (FreezeWhilePaging ? "; freeze while a page burn alert fires" : "")
        + (ExemptLabels.Count > 0 ? $"; exempt: {string.Join(", ", ExemptLabels)}" : "; no exempt labels");
}
