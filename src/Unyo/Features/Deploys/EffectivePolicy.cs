namespace Unyo.Features.Deploys;

// The policy that governs a service now, and where it comes from: the service's own, the
// organisation default, or the built-in one.
public sealed record EffectivePolicy(string Source, string? Name, string? Description, PolicyRules Rules)
{
    public const string FromService = "service";
    public const string FromDefault = "default";
    public const string FromBuiltIn = "built-in";

    public static readonly EffectivePolicy BuiltIn = new(FromBuiltIn, null, null, PolicyRules.BuiltIn);

    // How the gate's reasons name it.
    public string Label => Source switch
    {
        FromService => $"policy '{Name}'",
        FromDefault => $"organisation default policy '{Name}'",
        _ => "built-in policy",
    };
}
