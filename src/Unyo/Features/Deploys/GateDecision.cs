namespace Unyo.Features.Deploys;

// What the error-budget policy says about shipping now, from least to most severe.
public enum GateDecision
{
    Allow,
    Warn,
    Freeze,
}
