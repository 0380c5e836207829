namespace Unyo.Client;

/// <summary>Creates or replaces an OpenID Connect identity provider. Every field but the secret is replaced on update.</summary>
public sealed record IdentityProviderRequest
{
    /// <summary>Slug used in URLs (<c>/signin/sso/{name}</c>); fixed once created.</summary>
    public string? Name { get; init; }
    /// <summary>Shown on the sign-in button ("Sign in with …"); defaults to the name.</summary>
    public string? DisplayName { get; init; }
    /// <summary>The issuer URL exactly as the provider's discovery document states it; https (http only for loopback hosts).</summary>
    public string? Issuer { get; init; }
    /// <summary>The client id registered at the provider.</summary>
    public string? ClientId { get; init; }
    /// <summary>Write-only. A value sets the secret, an empty string removes it (a public client), null or absent keeps the stored one.</summary>
    public string? ClientSecret { get; init; }
    /// <summary>Space-separated scopes to ask for; must include <c>openid</c>. Default <c>openid email profile</c>.</summary>
    public string? Scopes { get; init; }
    /// <summary>ID token claim holding the email. Default <c>email</c>.</summary>
    public string? EmailClaim { get; init; }
    /// <summary>ID token claim holding the person's name. Default <c>name</c>.</summary>
    public string? NameClaim { get; init; }
    /// <summary>ID token claim holding the groups. Default <c>groups</c>.</summary>
    public string? GroupsClaim { get; init; }
    /// <summary>Create an account at first sign-in for someone Unyo does not know. Default false.</summary>
    public bool? JitProvisioning { get; init; }
    /// <summary>Organisation role of accounts created at sign-in: admin, member or viewer. Default viewer.</summary>
    public string? JitRole { get; init; }
    /// <summary>Groups that grant an organisation role and/or a team membership at every sign-in.</summary>
    public IReadOnlyList<GroupMapping>? GroupMappings { get; init; }
    /// <summary>Whether the sign-in page offers it. Default true.</summary>
    public bool? Enabled { get; init; }
}

/// <summary>What membership of one group at the identity provider grants in Unyo.</summary>
public sealed record GroupMapping
{
    /// <summary>The group as the groups claim names it.</summary>
    public string? Group { get; init; }
    /// <summary>admin, member or viewer; the highest role of all matching groups wins. Owners are never changed by sign-in.</summary>
    public string? OrgRole { get; init; }
    /// <summary>Slug of a team the person is made a member of.</summary>
    public string? Team { get; init; }
}

/// <summary>An identity provider as stored. The client secret is never returned, only whether one is set.</summary>
/// <param name="Name">Slug.</param>
/// <param name="DisplayName">Shown on the sign-in button.</param>
/// <param name="Issuer">Issuer URL.</param>
/// <param name="ClientId">Client id at the provider.</param>
/// <param name="ClientSecretSet">Whether a client secret is stored.</param>
/// <param name="Scopes">Space-separated scopes.</param>
/// <param name="EmailClaim">Claim holding the email.</param>
/// <param name="NameClaim">Claim holding the name.</param>
/// <param name="GroupsClaim">Claim holding the groups.</param>
/// <param name="JitProvisioning">Whether unknown people get an account at first sign-in.</param>
/// <param name="JitRole">Role of such accounts.</param>
/// <param name="GroupMappings">Group to role and team mappings.</param>
/// <param name="Enabled">Whether the sign-in page offers it.</param>
/// <param name="RedirectUri">The redirect URI to register at the provider, as seen from this request.</param>
/// <param name="ManagedBy">api, ui or apply.</param>
/// <param name="Revision">Increases with every change.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record IdentityProviderResponse(
    string Name,
    string DisplayName,
    string Issuer,
    string ClientId,
    bool ClientSecretSet,
    string Scopes,
    string EmailClaim,
    string NameClaim,
    string GroupsClaim,
    bool JitProvisioning,
    string JitRole,
    IReadOnlyList<GroupMapping> GroupMappings,
    bool Enabled,
    string RedirectUri,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
