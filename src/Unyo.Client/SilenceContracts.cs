namespace Unyo.Client;

/// <summary>Creates or replaces a silence. Checked by the same validator the YAML kind <c>Silence</c> uses.</summary>
/// <remarks>
/// While a silence is active, alerts it matches are still recorded but notify no one. A silence needs at least one matcher that
/// does not match the empty string (Alertmanager's rule), so it cannot cover everything by accident. A team's silence only ever
/// covers alerts of that team's services; a member's silence must also say so in its matchers (<c>team="payments"</c> or
/// <c>service="checkout"</c> for a service of the team). Only admins make organisation-wide silences (no team).
/// </remarks>
public sealed record SilenceRequest
{
    /// <summary>Slug, unique in the organisation; generated when left out on create. On replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Slug of the owning team; required for members, left out by admins for an organisation-wide silence.</summary>
    public string? Team { get; init; }
    /// <summary>At most 32 matchers; an alert is silenced when all of them match.</summary>
    public IReadOnlyList<LabelMatcherRequest?>? Matchers { get; init; }
    /// <summary>When it begins, RFC 3339; now when left out.</summary>
    public DateTimeOffset? StartsAt { get; init; }
    /// <summary>When it ends, RFC 3339: after <see cref="StartsAt"/>, in the future, at most one year after the start. Give this or <see cref="Duration"/>.</summary>
    public DateTimeOffset? EndsAt { get; init; }
    /// <summary>How long it lasts from <see cref="StartsAt"/>, such as <c>2h</c> or <c>1d12h</c>; instead of <see cref="EndsAt"/>.</summary>
    public string? Duration { get; init; }
    /// <summary>Why (required, at most 1000 characters): the change, the incident or the ticket it is for.</summary>
    public string? Comment { get; init; }
}

/// <summary>A stored silence. The <c>ETag</c> header of a single-silence response carries its revision.</summary>
/// <param name="Name">Slug, unique in the organisation.</param>
/// <param name="Team">Slug of the owning team; null for an organisation-wide silence.</param>
/// <param name="Matchers">The matchers in amtool's string form (<c>service="checkout"</c>), in the order written.</param>
/// <param name="StartsAt">When it begins (UTC).</param>
/// <param name="EndsAt">When it was set to end (UTC).</param>
/// <param name="Comment">Why.</param>
/// <param name="CreatedBy">Who made it: a person's email, <c>team:NAME</c> for a team token, or <c>apply</c>.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ExpiredAt">When someone ended it early, if they did.</param>
/// <param name="ExpiredBy">Who ended it early.</param>
/// <param name="State"><c>pending</c>, <c>active</c> or <c>expired</c>, now.</param>
/// <param name="ManagedBy"><c>api</c>, <c>ui</c> or <c>apply</c>.</param>
/// <param name="Revision">Grows with every change.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record SilenceResponse(
    string Name,
    string? Team,
    IReadOnlyList<string> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Comment,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiredAt,
    string? ExpiredBy,
    string State,
    string ManagedBy,
    int Revision,
    DateTimeOffset UpdatedAt);
