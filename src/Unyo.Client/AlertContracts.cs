using System.Text.Json;

namespace Unyo.Client;

/// <summary>An alert: something wrong with a service that a person may need to act on.</summary>
/// <param name="Id">Unique, growing with every new alert.</param>
/// <param name="Service">Slug of the service it is about.</param>
/// <param name="Team">Slug of the team that owns the service, and so the alert.</param>
/// <param name="Source">Where it came from (the event's source, or <c>unyo</c> for Unyo's own checks and SLOs).</param>
/// <param name="DedupKey">Events with this key update this alert while it is open.</param>
/// <param name="Summary">One line: what is wrong.</param>
/// <param name="Severity"><c>critical</c>, <c>error</c>, <c>warning</c> or <c>info</c>.</param>
/// <param name="Urgency"><c>high</c> (pages now) or <c>low</c> (waits for working hours).</param>
/// <param name="Status"><c>triggered</c>, <c>acknowledged</c> or <c>resolved</c>.</param>
/// <param name="Labels">The alert's labels.</param>
/// <param name="Links">Links it carries (dashboards, graphs).</param>
/// <param name="RunbookUrl">The event's runbook, else the service's.</param>
/// <param name="RunbookMissing">True when neither the event nor the service had a runbook.</param>
/// <param name="SuppressedBy">The silence or maintenance window that kept it from notifying anyone, if one did.</param>
/// <param name="FirstSeenAt">When it triggered.</param>
/// <param name="LastSeenAt">When an event for it last arrived.</param>
/// <param name="OccurrenceCount">How many events it gathered.</param>
/// <param name="AcknowledgedAt">When it was acknowledged, while it is.</param>
/// <param name="AcknowledgedBy">Who acknowledged it.</param>
/// <param name="ResolvedAt">When it was resolved.</param>
/// <param name="ResolvedBy">Who or what resolved it.</param>
/// <param name="SnoozedUntil">When a snoozed alert triggers again.</param>
/// <param name="Assignee">Email of the person it is assigned to.</param>
/// <param name="Revision">Grows with every change.</param>
public sealed record AlertResponse(
    long Id,
    string Service,
    string Team,
    string Source,
    string DedupKey,
    string Summary,
    string Severity,
    string Urgency,
    string Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<AlertLinkResponse> Links,
    string? RunbookUrl,
    bool RunbookMissing,
    string? SuppressedBy,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    int OccurrenceCount,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    DateTimeOffset? SnoozedUntil,
    string? Assignee,
    int Revision);

/// <summary>A link an alert carries.</summary>
/// <param name="Href">The URL.</param>
/// <param name="Text">What it shows, if the source said.</param>
public sealed record AlertLinkResponse(string Href, string? Text);

/// <summary>One alert with its details and its whole timeline, oldest entry first.</summary>
/// <param name="Alert">The alert.</param>
/// <param name="Details">The custom details or annotations the source sent, as a JSON object.</param>
/// <param name="Timeline">Every change, oldest first.</param>
public sealed record AlertDetailResponse(AlertResponse Alert, JsonElement? Details, IReadOnlyList<AlertTimelineEntryResponse> Timeline);

/// <summary>One change to an alert.</summary>
/// <param name="Id">Grows in the order entries were written.</param>
/// <param name="At">When.</param>
/// <param name="Kind">What happened: <c>triggered</c>, <c>acknowledged</c>, <c>resolved</c>, <c>snoozed</c>, <c>unsnoozed</c>, <c>reassigned</c>, <c>note</c> and others.</param>
/// <param name="Actor">Who: a person's email, <c>team:NAME</c> for a team token, an integration, or <c>unyo</c>.</param>
/// <param name="Text">What they said or what changed.</param>
public sealed record AlertTimelineEntryResponse(long Id, DateTimeOffset At, string Kind, string Actor, string? Text);

/// <summary>Snoozes an acknowledged alert: it triggers again, and notifies again, when the snooze runs out. Give <see cref="Until"/> or <see cref="Minutes"/>.</summary>
public sealed record SnoozeAlertRequest
{
    /// <summary>When it triggers again, RFC 3339: in the future, at most 7 days ahead.</summary>
    public DateTimeOffset? Until { get; init; }
    /// <summary>How many minutes from now, 1 to 10080 (7 days).</summary>
    public int? Minutes { get; init; }
}

/// <summary>Adds a note to an alert's timeline.</summary>
public sealed record AlertNoteRequest
{
    /// <summary>Markdown, 1 to 4000 characters.</summary>
    public string? Text { get; init; }
}

/// <summary>Assigns an alert to a person of the organisation.</summary>
public sealed record ReassignAlertRequest
{
    /// <summary>The person's email or user id.</summary>
    public string? User { get; init; }
}

/// <summary>Acknowledges many alerts at once.</summary>
public sealed record BulkAcknowledgeRequest
{
    /// <summary>Alert ids, 1 to 500.</summary>
    public IReadOnlyList<long>? Ids { get; init; }
}

/// <summary>What became of each alert of a bulk acknowledgement, in the order asked.</summary>
/// <param name="Results">One per id.</param>
public sealed record BulkAcknowledgeResponse(IReadOnlyList<BulkAlertResult> Results);

/// <summary>What became of one alert of a bulk action.</summary>
/// <param name="Id">The alert id asked for.</param>
/// <param name="Outcome"><c>acknowledged</c>, <c>unchanged</c> (already acknowledged or resolved), <c>notFound</c> or <c>forbidden</c>.</param>
/// <param name="Status">The alert's status afterwards, when it exists and the caller may act on it.</param>
/// <param name="Detail">Why, for anything but <c>acknowledged</c>.</param>
public sealed record BulkAlertResult(long Id, string Outcome, string? Status, string? Detail);
