namespace Unyo.Client;

/// <summary>Creates a user (organisation admins only).</summary>
public sealed record CreateUserRequest
{
    /// <summary>Email address; unique, compared case-insensitively.</summary>
    public string? Email { get; init; }
    /// <summary>Name shown in the UI.</summary>
    public string? DisplayName { get; init; }
    /// <summary>owner, admin, member or viewer; defaults to member.</summary>
    public string? Role { get; init; }
    /// <summary>Initial password, at least 12 characters.</summary>
    public string? Password { get; init; }
}

/// <summary>Changes a user's role or display name (organisation admins only).</summary>
public sealed record UpdateUserRequest
{
    /// <summary>New name, or null to keep it.</summary>
    public string? DisplayName { get; init; }
    /// <summary>owner, admin, member or viewer, or null to keep it.</summary>
    public string? Role { get; init; }
    /// <summary>true to disable the account (sign-in, sessions and tokens stop at once), false to enable it, null to keep it.</summary>
    public bool? Disabled { get; init; }
}

/// <summary>A person who can sign in.</summary>
/// <param name="Id">Stable identifier.</param>
/// <param name="Email">Email address.</param>
/// <param name="DisplayName">Name shown in the UI.</param>
/// <param name="Role">Organisation role: owner, admin, member or viewer.</param>
/// <param name="Teams">Slugs of the teams the user belongs to.</param>
/// <param name="CreatedAt">When the account was created (UTC).</param>
/// <param name="Disabled">True when the account may not sign in or use its tokens.</param>
public sealed record UserResponse(Guid Id, string Email, string DisplayName, string Role, IReadOnlyList<string> Teams, DateTimeOffset CreatedAt, bool Disabled);

/// <summary>Creates an API token for the calling user (<c>/api/v1/tokens</c>) or for a team, as its service account (<c>/api/v1/teams/{name}/tokens</c>).</summary>
public sealed record CreateTokenRequest
{
    /// <summary>What the token is for, such as <c>ci-deploys</c>.</summary>
    public string? Name { get; init; }
    /// <summary>Lifetime in days, 1–365; defaults to 90.</summary>
    public int? ExpiresInDays { get; init; }
    /// <summary>read, write (the default), admin or ingest: the most the token may do; the person's role still applies. A team token is never admin.</summary>
    public string? Scope { get; init; }
}

/// <summary>A new API token. <see cref="Token"/> is shown only here, once; Unyo keeps only its hash.</summary>
/// <param name="Id">Identifier, for revoking it.</param>
/// <param name="Name">What the token is for.</param>
/// <param name="Token">The secret to send as <c>Authorization: Bearer</c>.</param>
/// <param name="ExpiresAt">When it stops working (UTC).</param>
/// <param name="Scope">read, write, admin or ingest.</param>
public sealed record CreatedTokenResponse(Guid Id, string Name, string Token, DateTimeOffset ExpiresAt, string Scope);

/// <summary>An API token as listed: never the secret itself.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="Name">What the token is for.</param>
/// <param name="Prefix">The first characters of the secret, to recognise it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="ExpiresAt">When it stops working (UTC).</param>
/// <param name="LastUsedAt">When it was last used (UTC), if ever.</param>
/// <param name="LastUsedFrom">The client address it was last used from, if ever.</param>
/// <param name="Scope">read, write, admin or ingest.</param>
public sealed record TokenResponse(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, string? LastUsedFrom, string Scope);

/// <summary>The organisation this Unyo instance serves.</summary>
/// <param name="Name">The organisation's name.</param>
/// <param name="CreatedAt">When the instance was first started (UTC).</param>
public sealed record OrganisationResponse(string Name, DateTimeOffset CreatedAt);

/// <summary>One audit record: who did what to which object, and when.</summary>
/// <param name="Id">Increasing identifier; newer records have higher ids.</param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="ActorEmail">Who did it: a person's email, <c>team:&lt;name&gt;</c> for a team's token, or null for the system or an unknown account.</param>
/// <param name="Credential"><c>session</c>, <c>token:&lt;id&gt;</c>, <c>system</c> or <c>anonymous</c>.</param>
/// <param name="Ip">The client's address, if there was a client.</param>
/// <param name="Action">What happened, such as <c>service.update</c> or <c>signin.failed</c>.</param>
/// <param name="ObjectKind">The kind of object, such as Service.</param>
/// <param name="ObjectName">The object's name.</param>
/// <param name="Source">Where the change came from: api, ui, apply, cli or system.</param>
/// <param name="Before">The object before the change, as JSON, or null.</param>
/// <param name="After">The object after the change, as JSON, or null.</param>
public sealed record AuditRecordResponse(
    long Id,
    DateTimeOffset At,
    string? ActorEmail,
    string Credential,
    string? Ip,
    string Action,
    string ObjectKind,
    string ObjectName,
    string Source,
    string? Before,
    string? After);
