namespace Unyo.Client;

/// <summary>Creates or replaces a team.</summary>
public sealed record TeamRequest
{
    /// <summary>Slug: lower-case letters, digits and dashes, 2–63 characters.</summary>
    public string? Name { get; init; }
    /// <summary>Human name; defaults to the slug.</summary>
    public string? DisplayName { get; init; }
    /// <summary>What the team does, at most 2000 characters.</summary>
    public string? Description { get; init; }
}

/// <summary>A team: it owns services and everything that hangs off them.</summary>
/// <param name="Name">Slug, unique in the organisation.</param>
/// <param name="DisplayName">Human name.</param>
/// <param name="Description">What the team does.</param>
/// <param name="Members">Members, by email.</param>
/// <param name="Services">Slugs of the services the team owns.</param>
/// <param name="ManagedBy">api, ui or apply.</param>
/// <param name="Revision">Increases with every change.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record TeamResponse(
    string Name,
    string DisplayName,
    string? Description,
    IReadOnlyList<TeamMember> Members,
    IReadOnlyList<string> Services,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A member of a team.</summary>
/// <param name="Email">The user's email, which identifies them.</param>
/// <param name="DisplayName">The user's name.</param>
public sealed record TeamMember(string Email, string DisplayName);

/// <summary>Adds a user to a team.</summary>
/// <param name="Email">Email of an existing user.</param>
public sealed record AddTeamMemberRequest(string? Email);
