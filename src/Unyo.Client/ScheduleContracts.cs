namespace Unyo.Client;

/// <summary>Creates or replaces an on-call schedule. Checked by the same validator the YAML kind <c>Schedule</c> uses.</summary>
/// <remarks>
/// Layers are listed bottom first: where a later layer has someone on call, it wins over the layers before it; overrides
/// win over every layer. A schedule that leaves nobody on call at some hours is accepted, and its responses list those gaps.
/// </remarks>
public sealed record ScheduleRequest
{
    /// <summary>Slug, unique in the organisation. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Slug of the owning team (required): its members and admins may change the schedule and add overrides.</summary>
    public string? Team { get; init; }
    /// <summary>The IANA time zone whose wall clock handoffs and restrictions follow (required), such as <c>Asia/Tokyo</c>.</summary>
    public string? TimeZone { get; init; }
    /// <summary>Free text, at most 2000 characters.</summary>
    public string? Description { get; init; }
    /// <summary>The rotations, bottom first (1 to 20).</summary>
    public IReadOnlyList<ScheduleLayerRequest>? Layers { get; init; }
}

/// <summary>One rotation of a schedule: its users take turns in order.</summary>
public sealed record ScheduleLayerRequest
{
    /// <summary>Slug, unique in the schedule (required).</summary>
    public string? Name { get; init; }
    /// <summary>Emails of the users who take turns, in order (1 to 100, required).</summary>
    public IReadOnlyList<string>? Users { get; init; }
    /// <summary><c>daily</c>, <c>weekly</c> or <c>hours</c> (required). Daily and weekly turns hand over on the wall clock; hour turns are elapsed time.</summary>
    public string? Turn { get; init; }
    /// <summary>How many days, weeks or hours one turn lasts: 1 by default; at most 365 days, 52 weeks or 2160 hours.</summary>
    public int? TurnCount { get; init; }
    /// <summary>The local date and handoff time of the first turn, without offset, read in the schedule's time zone (required): <c>2026-01-05T09:00</c>.</summary>
    public string? Start { get; init; }
    /// <summary>Optional: the local date and time after which the layer has nobody on call, as <see cref="Start"/>.</summary>
    public string? End { get; init; }
    /// <summary>When the layer may be on call (at most 20); none means always.</summary>
    public IReadOnlyList<ScheduleRestrictionRequest>? Restrictions { get; init; }
    /// <summary>
    /// Only with turn <c>fixed</c>, and required there (1 to 2000): the layer's shifts, each a person from one instant to
    /// another, none overlapping. A fixed layer has no users, turnCount, start or end; restrictions cut its shifts as they
    /// cut turns. <c>POST /api/v1/schedules/{name}/layers/{layer}/ical</c> fills one from an iCalendar file.
    /// </summary>
    public IReadOnlyList<ScheduleFixedShiftRequest>? Shifts { get; init; }
}

/// <summary>One shift of a fixed layer.</summary>
public sealed record ScheduleFixedShiftRequest
{
    /// <summary>Email of the user on call (required).</summary>
    public string? User { get; init; }
    /// <summary>RFC 3339 instant the shift begins (required).</summary>
    public string? Start { get; init; }
    /// <summary>RFC 3339 instant it ends (required, after Start).</summary>
    public string? End { get; init; }
}

/// <summary>What an iCalendar import made of the file.</summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Layer">The fixed layer that was replaced or created.</param>
/// <param name="Created">True when the layer was new (put on top of the others).</param>
/// <param name="Shifts">How many shifts the layer now has.</param>
/// <param name="Skipped">Events that named nobody known, left out because of <c>skipUnknown=true</c>.</param>
public sealed record ScheduleICalImportResponse(string Schedule, string Layer, bool Created, int Shifts, IReadOnlyList<ScheduleICalEventProblem> Skipped);

/// <summary>An event of an imported file that could not become a shift.</summary>
/// <param name="Index">Its place among the file's events, from 0.</param>
/// <param name="Line">The line of its BEGIN:VEVENT, from 1.</param>
/// <param name="Uid">Its UID, if it has one.</param>
/// <param name="Reason">Why.</param>
public sealed record ScheduleICalEventProblem(int Index, int Line, string? Uid, string Reason);

/// <summary>
/// A window on the schedule's wall clock. <c>daily</c>: every day (or the given <see cref="Days"/>) from <see cref="From"/> to
/// <see cref="To"/>, overnight when To is not after From. <c>weekly</c>: once a week from <see cref="FromDay"/> at From to
/// <see cref="ToDay"/> at To.
/// </summary>
public sealed record ScheduleRestrictionRequest
{
    /// <summary><c>daily</c> or <c>weekly</c> (required).</summary>
    public string? Type { get; init; }
    /// <summary>Time of day <c>HH:mm</c> the window opens (required).</summary>
    public string? From { get; init; }
    /// <summary>Time of day <c>HH:mm</c> the window closes (required).</summary>
    public string? To { get; init; }
    /// <summary>Daily only, optional: the weekdays it opens on (<c>mon</c> … <c>sun</c>); every day when empty.</summary>
    public IReadOnlyList<string>? Days { get; init; }
    /// <summary>Weekly only (required there): the weekday it opens.</summary>
    public string? FromDay { get; init; }
    /// <summary>Weekly only (required there): the weekday it closes.</summary>
    public string? ToDay { get; init; }
}

/// <summary>Someone takes over a schedule from <see cref="Start"/> to <see cref="End"/>, whatever the layers say.</summary>
public sealed record ScheduleOverrideRequest
{
    /// <summary>Email of the user who takes over (required).</summary>
    public string? User { get; init; }
    /// <summary>RFC 3339 instant the override begins (required).</summary>
    public string? Start { get; init; }
    /// <summary>RFC 3339 instant it ends (required): after Start, in the future, at most 93 days later.</summary>
    public string? End { get; init; }
    /// <summary>Why, in a few words (optional, at most 500 characters).</summary>
    public string? Reason { get; init; }
}

/// <summary>A person as on-call answers name them.</summary>
/// <param name="Id">The user's id.</param>
/// <param name="Email">The user's email.</param>
/// <param name="DisplayName">The user's name.</param>
public sealed record OnCallPersonResponse(Guid Id, string Email, string DisplayName);

/// <summary>A stretch of time nobody is on call.</summary>
public sealed record ScheduleGapResponse(DateTimeOffset Start, DateTimeOffset End);

/// <summary>An override of a schedule.</summary>
/// <param name="Id">Its id, for <c>DELETE /api/v1/schedules/{name}/overrides/{id}</c>.</param>
/// <param name="User">Who takes over.</param>
/// <param name="Start">When it begins (UTC).</param>
/// <param name="End">When it ends (UTC).</param>
/// <param name="Reason">Why.</param>
/// <param name="CreatedBy">Who made it (email, or a token's name).</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
public sealed record ScheduleOverrideResponse(Guid Id, OnCallPersonResponse User, DateTimeOffset Start, DateTimeOffset End, string? Reason, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A stored schedule. The <c>ETag</c> header of a single-schedule response carries its revision.</summary>
/// <param name="Name">Slug.</param>
/// <param name="Team">Slug of the owning team.</param>
/// <param name="TimeZone">IANA time zone.</param>
/// <param name="Description">Free text.</param>
/// <param name="Layers">The layers in canonical form, bottom first.</param>
/// <param name="OnCall">Who is on call now (null in a gap).</param>
/// <param name="Gaps">When nobody is on call in the next 14 days: a warning, not an error.</param>
/// <param name="Overrides">Overrides that have not ended, by start.</param>
/// <param name="ManagedBy">api, ui or apply.</param>
/// <param name="Revision">Increases with every change to the definition.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record ScheduleResponse(
    string Name,
    string Team,
    string TimeZone,
    string? Description,
    IReadOnlyList<ScheduleLayerRequest> Layers,
    OnCallResponse OnCall,
    IReadOnlyList<ScheduleGapResponse> Gaps,
    IReadOnlyList<ScheduleOverrideResponse> Overrides,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Who is on call for a schedule at an instant.</summary>
/// <param name="Schedule">The schedule's name.</param>
/// <param name="Team">Its team.</param>
/// <param name="At">The instant asked about (UTC).</param>
/// <param name="Person">Who is on call; null when nobody is (a gap).</param>
/// <param name="Source">The layer's name, or <c>override</c>; null in a gap.</param>
/// <param name="Until">When this person's (or the gap's) stretch ends, looking at most 93 days ahead; null if later.</param>
public sealed record OnCallResponse(string Schedule, string Team, DateTimeOffset At, OnCallPersonResponse? Person, string? Source, DateTimeOffset? Until);

/// <summary>A stretch of the final schedule.</summary>
/// <param name="Person">Who is on call.</param>
/// <param name="Start">From (UTC).</param>
/// <param name="End">To (UTC, exclusive).</param>
/// <param name="Source">The layer's name, or <c>override</c>.</param>
public sealed record ScheduleShiftResponse(OnCallPersonResponse Person, DateTimeOffset Start, DateTimeOffset End, string Source);

/// <summary>The final schedule between two instants: layers merged, overrides on top, gaps flagged.</summary>
public sealed record ScheduleShiftsResponse(string Schedule, string TimeZone, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ScheduleShiftResponse> Shifts, IReadOnlyList<ScheduleGapResponse> Gaps);

/// <summary>A person's secret calendar-feed URL, shown once: whoever holds it reads their shifts. Asking again replaces it.</summary>
/// <param name="Url">The feed's URL, for a calendar app's "subscribe by URL".</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
public sealed record OnCallFeedResponse(string Url, DateTimeOffset CreatedAt);
