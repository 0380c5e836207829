using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Accounts.Sso;

// An identity provider as the API, the page and YAML describe it, without its secret (which is
// write-only and travels beside it, see SecretChange). One validator serves all three.
public sealed record IdentityProviderDefinition(
    string Name,
    string DisplayName,
    string Issuer,
    string ClientId,
    string Scopes,
    string EmailClaim,
    string NameClaim,
    string GroupsClaim,
    bool JitProvisioning,
    OrgRole JitRole,
    IReadOnlyList<GroupGrant> GroupMappings,
    bool Enabled)
{
    public const string DefaultScopes = "openid email profile";
    public const int MaxSecretLength = 1000;
    private const int MaxMappings = 100;

    // Sign-in may grant these; owners are made by hand, by another owner.
    public static readonly string[] GrantableRoles = ["admin", "member", "viewer"];

    public static IdentityProviderDefinition? Validate(IdentityProviderRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        if (request.DisplayName is { Length: > 100 })
        {
            errors.Add("displayName", "must be at most 100 characters.");
        }
        var issuer = request.Issuer?.Trim();
        if (string.IsNullOrEmpty(issuer))
        {
            errors.Add("issuer", "is required: the provider's issuer URL, for example https://login.example.com/realms/corp.");
        }
        else if (IssuerProblem(issuer) is { } problem)
        {
            errors.Add("issuer", problem);
        }
        var clientId = request.ClientId?.Trim();
        if (string.IsNullOrEmpty(clientId) || clientId.Length > 500 || clientId.Any(char.IsControl))
        {
            errors.Add("clientId", "is required: the client id registered at the provider, at most 500 characters.");
        }
        if (request.ClientSecret is { Length: > MaxSecretLength })
        {
            errors.Add("clientSecret", $"must be at most {MaxSecretLength} characters.");
        }
        var scopes = NormalizeScopes(request.Scopes, errors);
        var emailClaim = Claim(request.EmailClaim, "email", "emailClaim", errors);
        var nameClaim = Claim(request.NameClaim, "name", "nameClaim", errors);
        var groupsClaim = Claim(request.GroupsClaim, "groups", "groupsClaim", errors);
        var jitRole = Role(request.JitRole, "jitRole", errors) ?? OrgRole.Viewer;
        var mappings = Mappings(request.GroupMappings ?? [], errors);
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new IdentityProviderDefinition(
            request.Name!, string.IsNullOrWhiteSpace(request.DisplayName) ? request.Name! : request.DisplayName.Trim(), issuer!, clientId!, scopes,
            emailClaim, nameClaim, groupsClaim, request.JitProvisioning ?? false, jitRole, mappings, request.Enabled ?? true);
    }

    // Teams named by mappings, for the caller to check against what exists.
    public IEnumerable<(int Index, string Team)> TeamReferences() =>
        GroupMappings.Select((m, i) => (i, m.Team)).Where(m => m.Team is not null).Select(m => (m.i, m.Team!));

    // The canonical YAML document: plans diff it, exports write it, audit records keep it. The
    // client secret is never in it.
    public JsonObject ToDocument() => ConfigDocuments.Document("IdentityProvider",
        new JsonObject { ["name"] = Name },
        new JsonObject()
            .With("displayName", DisplayName)
            .With("issuer", Issuer)
            .With("clientId", ClientId)
            .With("scopes", Scopes)
            .With("emailClaim", EmailClaim)
            .With("nameClaim", NameClaim)
            .With("groupsClaim", GroupsClaim)
            .With("jitProvisioning", JitProvisioning)
            .With("jitRole", JitRole.ToName())
            .With("groupMappings", new JsonArray([.. GroupMappings.Select(m => (JsonNode)new JsonObject()
                .With("group", m.Group).With("orgRole", m.Role?.ToName()).With("team", m.Team))]))
            .With("enabled", Enabled));

    public IReadOnlyList<GroupMapping> ToContract() =>
        [.. GroupMappings.Select(m => new GroupMapping { Group = m.Group, OrgRole = m.Role?.ToName(), Team = m.Team })];

    public static IdentityProviderDefinition From(IdentityProvider provider) => new(
        provider.Name, provider.DisplayName, provider.Issuer, provider.ClientId, provider.Scopes,
        provider.EmailClaim, provider.NameClaim, provider.GroupsClaim, provider.JitProvisioning, provider.JitRole,
        JsonSerializer.Deserialize<List<GroupGrant>>(provider.GroupMappings, Stored) ?? [], provider.Enabled);

    public void CopyTo(IdentityProvider provider)
    {
        provider.Name = Name;
        provider.DisplayName = DisplayName;
        provider.Issuer = Issuer;
        provider.ClientId = ClientId;
        provider.Scopes = Scopes;
        provider.EmailClaim = EmailClaim;
        provider.NameClaim = NameClaim;
        provider.GroupsClaim = GroupsClaim;
        provider.JitProvisioning = JitProvisioning;
        provider.JitRole = JitRole;
        provider.GroupMappings = JsonSerializer.Serialize(GroupMappings, Stored);
        provider.Enabled = Enabled;
    }

    private static readonly JsonSerializerOptions Stored = CreateStored();

    private static JsonSerializerOptions CreateStored()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);
        return options;
    }

    // Discovery and tokens are fetched from the issuer, so it must be a plain https URL. Plain
    // http is allowed for loopback only: a provider on the same machine (and the tests).
    private static string? IssuerProblem(string issuer)
    {
        if (issuer.Length > 500 || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri))
        {
            return $"'{issuer}' must be an absolute URL of at most 500 characters.";
        }
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            return $"'{issuer}' must use https (http is allowed only for loopback hosts such as 127.0.0.1).";
        }
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return $"'{issuer}' must not have a query, fragment or user name.";
        }
        return null;
    }

    private static string NormalizeScopes(string? scopes, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(scopes))
        {
            return DefaultScopes;
        }
        var tokens = scopes.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        // RFC 6749 3.3: scope tokens are printable ASCII without space, quote or backslash.
        if (tokens.Any(t => t.Any(c => c is < '!' or > '~' or '"' or '\\')))
        {
            errors.Add("scopes", "must be scope names separated by spaces (printable ASCII, no quotes or backslashes).");
        }
        else if (!tokens.Contains("openid"))
        {
            errors.Add("scopes", "must include openid: without it the provider returns no ID token.");
        }
        var joined = string.Join(' ', tokens);
        if (joined.Length > 500)
        {
            errors.Add("scopes", "must be at most 500 characters.");
        }
        return joined;
    }

    private static string Claim(string? value, string fallback, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }
        var claim = value.Trim();
        if (claim.Length > 100 || claim.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add(field, "must be a claim name of at most 100 characters without spaces.");
        }
        return claim;
    }

    private static OrgRole? Role(string? value, string field, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }
        if (!GrantableRoles.Contains(value) || !OrgRoles.TryParse(value, out var role))
        {
            errors.Add(field, value == "owner"
                ? "cannot be owner: owners are made by hand, by another owner, never by signing in."
                : $"'{value}' must be one of {string.Join(", ", GrantableRoles)}.");
            return null;
        }
        return role;
    }

    private static List<GroupGrant> Mappings(IReadOnlyList<GroupMapping> mappings, ValidationErrors errors)
    {
        if (mappings.Count > MaxMappings)
        {
            errors.Add("groupMappings", $"must hold at most {MaxMappings} mappings.");
            return [];
        }
        var result = new List<GroupGrant>();
        for (var i = 0; i < mappings.Count; i++)
        {
            var mapping = mappings[i];
            var field = $"groupMappings[{i}]";
            if (mapping is null)
            {
                errors.Add(field, "must be a mapping with group and orgRole and/or team.");
                continue;
            }
            var group = mapping.Group?.Trim();
            if (string.IsNullOrEmpty(group) || group.Length > 255 || group.Any(char.IsControl))
            {
                errors.Add($"{field}.group", "is required: the group as the groups claim names it, at most 255 characters.");
            }
            var role = Role(mapping.OrgRole, $"{field}.orgRole", errors);
            if (mapping.Team is not null)
            {
                Slugs.Check(mapping.Team, $"{field}.team", errors);
            }
            if (mapping.OrgRole is null && mapping.Team is null)
            {
                errors.Add(field, "must grant something: an orgRole, a team, or both.");
            }
            result.Add(new GroupGrant(group ?? "", role, mapping.Team));
        }
        return result;
    }
}

// One group mapping: membership of Group at the provider grants Role and/or a place in Team.
public sealed record GroupGrant(string Group, OrgRole? Role, string? Team);
