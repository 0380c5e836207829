namespace Unyo.Features.Deploys;

// Maps what is left of a service's error budgets to a release decision: while budget remains,
// ship; as it runs low, warn; when it is gone, freeze feature releases and fix reliability.
// Changes labelled with an exempt label (a security fix, a rollback) always go out: they are
// how a team gets its reliability back.
public sealed record ErrorBudgetPolicy(
    IReadOnlyList<(double RemainingAtOrBelowPercent, GateDecision Decision)> Steps,
    bool FreezeWhilePaging,
    IReadOnlyList<string> ExemptLabels)
{
    public static readonly ErrorBudgetPolicy Default = new(
        [(25, GateDecision.Warn), (0, GateDecision.Freeze)],
        FreezeWhilePaging: true,
        ExemptLabels: ["security-fix", "rollback"]);

    // The most severe step whose threshold the remaining budget has reached.
    public GateDecision For(double remainingPercent) =>
        Steps.Where(s => remainingPercent <= s.RemainingAtOrBelowPercent).Select(s => s.Decision).DefaultIfEmpty(GateDecision.Allow).Max();

    public string Describe() =>
        string.Join("; ", Steps.OrderByDescending(s => s.RemainingAtOrBelowPercent).Select(s => $"{s.Decision.ToString().ToLowerInvariant()} at {s.RemainingAtOrBelowPercent:0.##}% left or less"))
        + (FreezeWhilePaging ? "; freeze while a page burn alert fires" : "");
}
