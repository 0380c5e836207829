namespace Unyo.Features.Accounts;

// Organisation-wide role. Owners and admins change anything; members change what their teams
// own; viewers only read.
public enum OrgRole
{
    Viewer = 0,
    Member = 1,
    Admin = 2,
    Owner = 3,
}

public static class OrgRoles
{
    public static readonly string[] Names = ["owner", "admin", "member", "viewer"];

    public static string ToName(this OrgRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out OrgRole role) =>
        Enum.TryParse(name, ignoreCase: true, out role) && Names.Contains(name!.ToLowerInvariant());
}
