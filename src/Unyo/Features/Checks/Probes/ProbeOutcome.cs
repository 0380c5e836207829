namespace Unyo.Features.Checks.Probes;

// Ordered from best to worst, so the worse of two outcomes is the larger.
public enum ProbeOutcome
{
    Up,
    Degraded,
    Down,
}

public static class ProbeOutcomeNames
{
    public static string ToName(this ProbeOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
