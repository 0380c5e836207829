namespace Unyo.Features.Deploys.Pages;

// A policy in sentences, for people who do not read thresholds for a living.
public static class PolicyWords
{
    public static IReadOnlyList<string> Sentences(PolicyRules rules)
    {
        var lines = new List<string>();
        if (rules.Steps.Count > 0 && rules.Steps[0].Decision != GateDecision.Allow)
        {
            lines.Add($"With more than {PolicyStep.Percent(rules.Steps[0].RemainingAtOrBelow)}% of every SLO's error budget left, releases go out.");
        }
        foreach (var step in rules.Steps)
        {
            var range = Range(step.RemainingAtOrBelow);
            lines.Add(step.Decision switch
            {
                GateDecision.Freeze => $"With {range}, releases are frozen.",
                GateDecision.Warn => $"With {range}, releases still go out, with a warning.",
                _ => $"With {range}, releases go out.",
            });
        }
        lines.Add(rules.FreezeWhilePaging
            ? "While a page burn alert of one of the service's SLOs fires, releases are frozen even with budget left."
            : "A firing page burn alert does not freeze releases by itself.");
        lines.Add(rules.ExemptLabels.Count > 0
            ? $"Changes labelled {Or(rules.ExemptLabels)} go out even when frozen; otherwise only an admin's time-boxed override lets a frozen release out."
            : "No label exempts a change: only an admin's time-boxed override lets a frozen release out.");
        return lines;
    }

    private static string Range(decimal threshold) => threshold switch
    {
        > 0 => $"{PolicyStep.Percent(threshold)}% of an SLO's error budget left or less",
        0 => "an SLO's error budget spent (0% left or less)",
        _ => $"an SLO's error budget overspent by {PolicyStep.Percent(-threshold)}% or more",
    };

    private static string Or(IReadOnlyList<string> labels) =>
        labels.Count == 1 ? labels[0] : $"{string.Join(", ", labels.Take(labels.Count - 1))} or {labels[^1]}";

    public const string BuiltInBecause = "no policy names this service and the organisation has no default";

    // How a named policy came to govern a service.
    public static string Source(EffectivePolicy effective) => effective.Source == EffectivePolicy.FromDefault
        ? "the organisation default: no policy names this service"
        : "this service's own policy";
}
