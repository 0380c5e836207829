namespace Unyo.Client;

/// <summary>Creates or replaces an escalation policy. Checked by the same validator the YAML kind <c>EscalationPolicy</c> uses.</summary>
/// <remarks>
/// An alert that reaches the policy pages level 1's targets at once, waits <see cref="EscalationLevelRequest.EscalateAfter"/>
/// for an acknowledgement, then pages level 2, and so on; after the last level the policy starts again from level 1, at most
/// <see cref="Repeat"/> more times. Acknowledging stops it at once; resolving stops everything.
/// </remarks>
public sealed record EscalationPolicyRequest
{
    /// <summary>Slug, unique in the organisation. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Slug of the owning team (required): its members and admins may change the policy.</summary>
    public string? Team { get; init; }
    /// <summary>Free text, at most 2000 characters.</summary>
    public string? Description { get; init; }
    /// <summary>How many more times the levels run after the last one without an acknowledgement: 0 (default) to 9.</summary>
    public int? Repeat { get; init; }
    /// <summary>Slugs of the owning team's services whose alerts use this policy when no alert route names one. A service has at most one.</summary>
    public IReadOnlyList<string>? Services { get; init; }
    /// <summary>The levels in order (1 to 20).</summary>
    public IReadOnlyList<EscalationLevelRequest>? Levels { get; init; }
}

/// <summary>One level of an escalation policy: whom it pages, and how long it waits before the next level.</summary>
public sealed record EscalationLevelRequest
{
    /// <summary>How long to wait for an acknowledgement before the next level, from <c>1m</c> to <c>24h</c> (required).</summary>
    public string? EscalateAfter { get; init; }
    /// <summary>Whom to page (1 to 20). A level whose targets reach nobody right now passes the alert on to the next level at once.</summary>
    public IReadOnlyList<EscalationTargetRequest>? Targets { get; init; }
}

/// <summary>Exactly one of <see cref="User"/>, <see cref="Schedule"/> or <see cref="Team"/>.</summary>
public sealed record EscalationTargetRequest
{
    /// <summary>A user's email: that person.</summary>
    public string? User { get; init; }
    /// <summary>A schedule's name: whoever is on call in it when the level fires.</summary>
    public string? Schedule { get; init; }
    /// <summary>A team's slug: whoever is on call in any of the team's schedules when the level fires.</summary>
    public string? Team { get; init; }
}

/// <summary>A target as stored, with who it reaches now.</summary>
/// <param name="Kind"><c>user</c>, <c>schedule</c> or <c>team</c>.</param>
/// <param name="Name">The user's email, the schedule's name or the team's slug; <c>(removed)</c> when it no longer exists.</param>
/// <param name="OnCallNow">Who a page would reach now.</param>
public sealed record EscalationTargetResponse(string Kind, string Name, IReadOnlyList<OnCallPersonResponse> OnCallNow);

/// <summary>A level as stored.</summary>
/// <param name="EscalateAfter">The wait before the next level, as a duration (<c>15m</c>).</param>
/// <param name="Targets">Its targets in order.</param>
public sealed record EscalationLevelResponse(string EscalateAfter, IReadOnlyList<EscalationTargetResponse> Targets);

/// <summary>A stored escalation policy. The <c>ETag</c> header of a single-policy response carries its revision.</summary>
/// <param name="Name">Slug.</param>
/// <param name="Team">Slug of the owning team.</param>
/// <param name="Description">Free text.</param>
/// <param name="Repeat">How many more times the levels run.</param>
/// <param name="Services">The services that use it by default, sorted.</param>
/// <param name="Levels">The levels in order.</param>
/// <param name="Warnings">Levels that reach nobody now (they pass alerts on at once): a warning, not an error.</param>
/// <param name="ManagedBy">api, ui or apply.</param>
/// <param name="Revision">Increases with every change.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record EscalationPolicyResponse(
    string Name,
    string Team,
    string? Description,
    int Repeat,
    IReadOnlyList<string> Services,
    IReadOnlyList<EscalationLevelResponse> Levels,
    IReadOnlyList<string> Warnings,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One escalation of one alert through one policy.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Status"><c>active</c>, <c>acknowledged</c>, <c>resolved</c>, <c>exhausted</c> (every level and repeat paged) or <c>reassigned</c>.</param>
/// <param name="Level">The next level to page (1-based) while active; the last one paged otherwise.</param>
/// <param name="Round">Which run through the levels (1-based).</param>
/// <param name="NextAt">When the next level pages, while active (UTC).</param>
/// <param name="StartedAt">When the alert reached the policy (UTC).</param>
/// <param name="StoppedAt">When it stopped (UTC).</param>
/// <param name="Pages">Who was paged, in order.</param>
public sealed record EscalationResponse(string Policy, string Status, int Level, int Round, DateTimeOffset? NextAt, DateTimeOffset StartedAt, DateTimeOffset? StoppedAt, IReadOnlyList<EscalationPageResponse> Pages);

/// <summary>A person paged for an alert.</summary>
/// <param name="Person">Who.</param>
/// <param name="Level">The level (1-based); null for a page by reassignment.</param>
/// <param name="Round">The run through the levels (1-based).</param>
/// <param name="Via">Why them: <c>user</c>, <c>schedule NAME</c>, <c>team NAME</c> or <c>reassigned</c>.</param>
/// <param name="At">When (UTC).</param>
public sealed record EscalationPageResponse(OnCallPersonResponse Person, int? Level, int Round, string Via, DateTimeOffset At);
