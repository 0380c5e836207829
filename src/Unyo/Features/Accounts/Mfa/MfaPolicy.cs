namespace Unyo.Features.Accounts.Mfa;

// Who in the organisation must have a second factor before the web UI lets them in.
public enum MfaPolicy
{
    None = 0,
    Admins = 1,
    Everyone = 2,
}

public static class MfaPolicies
{
    public static readonly string[] Names = ["none", "admins", "everyone"];

    public static string ToName(this MfaPolicy policy) => policy.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out MfaPolicy policy) =>
        Enum.TryParse(name, ignoreCase: true, out policy) && Names.Contains(name!.ToLowerInvariant());

    public static bool Requires(this MfaPolicy policy, OrgRole role) => policy switch
    {
        MfaPolicy.Everyone => true,
        MfaPolicy.Admins => role is OrgRole.Admin or OrgRole.Owner,
        _ => false,
    };
}
