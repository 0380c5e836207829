namespace Unyo.Client;

/// <summary>
/// When a maintenance window happens: either once (<see cref="Start"/> and <see cref="End"/> as instants) or again and again
/// (<see cref="Rrule"/> or <see cref="Cron"/>, with <see cref="Duration"/> and <see cref="TimeZone"/>).
/// </summary>
/// <remarks>
/// Recurring windows are computed on the wall clock of <see cref="TimeZone"/>: a window at 02:00 stays at 02:00 local time
/// across daylight-saving changes. A start that falls into the hour skipped in spring happens that day as late as the
/// skipped hour is long (02:30 becomes 03:30); a start in the hour repeated in autumn happens once, the first time.
/// Windows may not recur more often than hourly, and one occurrence must end before the next begins.
/// </remarks>
public sealed record MaintenanceWindowSchedule
{
    /// <summary>
    /// One-off: the instant the window begins, RFC 3339 with <c>Z</c> or an offset (<c>2026-03-01T22:00:00Z</c>).
    /// Recurring: the local date and time, without offset, from which the rule runs, read in <see cref="TimeZone"/>
    /// (<c>2026-01-06T02:00</c>); an RRULE takes its time of day from it unless the rule says otherwise. Required except for cron.
    /// </summary>
    public string? Start { get; init; }
    /// <summary>One-off only (and required there): the instant the window ends, after <see cref="Start"/> and at most 90 days later.</summary>
    public string? End { get; init; }
    /// <summary>An RFC 5545 recurrence rule such as <c>FREQ=WEEKLY;BYDAY=TU;BYHOUR=2</c> (no <c>UNTIL</c>: use <see cref="Until"/>). Give this or <see cref="Cron"/> for a recurring window.</summary>
    public string? Rrule { get; init; }
    /// <summary>A 5-field cron expression (minute hour day-of-month month day-of-week) such as <c>0 2 * * 2</c>. Give this or <see cref="Rrule"/> for a recurring window.</summary>
    public string? Cron { get; init; }
    /// <summary>Recurring only (and required there): how long each occurrence lasts, such as <c>2h</c>, <c>90m</c> or <c>1h30m</c>; 1 minute to 31 days.</summary>
    public string? Duration { get; init; }
    /// <summary>Recurring only: the IANA time zone whose wall clock the rule follows, such as <c>Europe/Berlin</c>; <c>UTC</c> by default.</summary>
    public string? TimeZone { get; init; }
    /// <summary>Recurring only, optional: an RFC 3339 instant; no occurrence starts at or after it.</summary>
    public string? Until { get; init; }
}

/// <summary>Creates or replaces a maintenance window. Checked by the same validator the YAML kind <c>MaintenanceWindow</c> uses.</summary>
/// <remarks>
/// During a window, the state changes of the checks it covers raise no alerts (unless <see cref="SuppressAlerts"/> is false), and SLOs
/// that set <c>excludeMaintenance</c> leave the minutes of windows covering their service out of their evaluation.
/// </remarks>
public sealed record MaintenanceWindowRequest
{
    /// <summary>Slug, unique in the organisation. Required on create; on replace it must match the URL.</summary>
    public string? Name { get; init; }
    /// <summary>Slug of the owning team (required): its members and admins may change the window.</summary>
    public string? Team { get; init; }
    /// <summary>Why there is maintenance, in a few words (required, at most 200 characters): <c>Patch day</c>.</summary>
    public string? Title { get; init; }
    /// <summary>Free text, at most 2000 characters.</summary>
    public string? Description { get; init; }
    /// <summary>Slugs of the services under maintenance (at most 200). Give services, checks or both. Members may add only their own teams' services.</summary>
    public IReadOnlyList<string>? Services { get; init; }
    /// <summary>Slugs of single checks under maintenance (at most 200), for work that touches one check's target rather than a whole service.</summary>
    public IReadOnlyList<string>? Checks { get; init; }
    /// <summary>When the window happens (required).</summary>
    public MaintenanceWindowSchedule? Schedule { get; init; }
    /// <summary>Whether state changes of what the window covers raise no alerts while it is active. True by default.</summary>
    public bool? SuppressAlerts { get; init; }
}

/// <summary>One occurrence of a maintenance window.</summary>
/// <param name="Window">The window's name.</param>
/// <param name="Title">The window's title: why there is maintenance.</param>
/// <param name="Start">When it begins (UTC).</param>
/// <param name="End">When it ends (UTC): the scheduled end, or when it was ended early.</param>
/// <param name="EndedEarly">True when someone ended it before its scheduled end.</param>
public sealed record MaintenanceOccurrenceResponse(string Window, string Title, DateTimeOffset Start, DateTimeOffset End, bool EndedEarly);

/// <summary>A stored maintenance window. The <c>ETag</c> header of a single-window response carries its revision.</summary>
/// <param name="Name">Slug, unique in the organisation.</param>
/// <param name="Team">Slug of the owning team.</param>
/// <param name="Title">Why there is maintenance.</param>
/// <param name="Description">Free text.</param>
/// <param name="Services">The services it covers, in name order.</param>
/// <param name="Checks">The single checks it covers, in name order.</param>
/// <param name="Schedule">When it happens, in canonical form.</param>
/// <param name="Recurring">False for a one-off window.</param>
/// <param name="Summary">The schedule in one line, as the pages show it.</param>
/// <param name="SuppressAlerts">Whether alerts are held back while it is active.</param>
/// <param name="Active">The occurrence under way now, if any.</param>
/// <param name="Next">The next occurrence that has not begun, if any.</param>
/// <param name="ManagedBy">api, ui or apply: only apply-managed objects are ever pruned.</param>
/// <param name="Revision">Increases with every change (ending an occurrence early too); the ETag is derived from it.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
public sealed record MaintenanceWindowResponse(
    string Name,
    string Team,
    string Title,
    string? Description,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Checks,
    MaintenanceWindowSchedule Schedule,
    bool Recurring,
    string Summary,
    bool SuppressAlerts,
    MaintenanceOccurrenceResponse? Active,
    MaintenanceOccurrenceResponse? Next,
    string ManagedBy,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
