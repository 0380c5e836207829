using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sso.Pages;

// What the provider forms post, kept as typed (but the secret) so a refused form comes back.
// Group mappings are one per line: `group -> admin, team:platform`.
public sealed class IdentityProviderForm
{
    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public string? Issuer { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public bool RemoveSecret { get; set; }
    public string? Scopes { get; set; }
    public string? EmailClaim { get; set; }
    public string? NameClaim { get; set; }
    public string? GroupsClaim { get; set; }
    public bool JitProvisioning { get; set; }
    public string? JitRole { get; set; }
    public string? GroupMappings { get; set; }
    public bool Enabled { get; set; }

    public static IdentityProviderForm New() => new()
    {
        Scopes = IdentityProviderDefinition.DefaultScopes, EmailClaim = "email", NameClaim = "name", GroupsClaim = "groups", JitRole = "viewer", Enabled = true,
    };

    public static IdentityProviderForm From(IdentityProvider provider)
    {
        var definition = IdentityProviderDefinition.From(provider);
        return new()
        {
            Name = provider.Name, DisplayName = provider.DisplayName, Issuer = provider.Issuer, ClientId = provider.ClientId, Scopes = provider.Scopes,
            EmailClaim = provider.EmailClaim, NameClaim = provider.NameClaim, GroupsClaim = provider.GroupsClaim, JitProvisioning = provider.JitProvisioning,
            JitRole = provider.JitRole.ToName(), Enabled = provider.Enabled,
            GroupMappings = string.Join('\n', definition.GroupMappings.Select(m =>
                $"{m.Group} -> {string.Join(", ", new[] { m.Role?.ToName(), m.Team is null ? null : $"team:{m.Team}" }.OfType<string>())}")),
        };
    }

    // An empty secret field keeps the stored secret; the box removes it.
    public IdentityProviderRequest ToRequest(ValidationErrors errors) => new()
    {
        Name = Name, DisplayName = DisplayName, Issuer = Issuer, ClientId = ClientId,
        ClientSecret = RemoveSecret ? "" : string.IsNullOrEmpty(ClientSecret) ? null : ClientSecret,
        Scopes = Scopes, EmailClaim = EmailClaim, NameClaim = NameClaim, GroupsClaim = GroupsClaim,
        JitProvisioning = JitProvisioning, JitRole = JitRole, GroupMappings = ParseMappings(GroupMappings, errors), Enabled = Enabled,
    };

    private static List<GroupMapping> ParseMappings(string? text, ValidationErrors errors)
    {
        var mappings = new List<GroupMapping>();
        var lines = (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            // The last arrow splits: group names may hold almost anything (paths, DNs, ids).
            var arrow = lines[i].LastIndexOf("->", StringComparison.Ordinal);
            if (arrow <= 0)
            {
                errors.Add($"groupMappings[{i}]", "must read `group -> role, team:slug` (a role, a team, or both).");
                continue;
            }
            string? role = null, team = null;
            foreach (var grant in lines[i][(arrow + 2)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (grant.StartsWith("team:", StringComparison.Ordinal))
                {
                    team = grant[5..].Trim();
                }
                else
                {
                    role = grant;
                }
            }
            mappings.Add(new GroupMapping { Group = lines[i][..arrow].Trim(), OrgRole = role, Team = team });
        }
        return mappings;
    }
}
