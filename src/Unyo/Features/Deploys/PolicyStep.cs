using System.Globalization;

namespace Unyo.Features.Deploys;

// One step of a policy: from this much budget left (percent, negative when overspent) down,
// the gate decides this.
public sealed record PolicyStep(decimal RemainingAtOrBelow, GateDecision Decision)
{
    public string Describe() => $"{ReleaseGate.Name(Decision)} at ≤ {Percent(RemainingAtOrBelow)}% left";

    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
