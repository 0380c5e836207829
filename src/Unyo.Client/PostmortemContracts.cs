namespace Unyo.Client;

/// <summary>Starts the postmortem of an incident (POST /api/v1/postmortems).</summary>
public sealed record CreatePostmortemRequest
{
    /// <summary>The incident's number.</summary>
    public long? Incident { get; init; }
}

/// <summary>Replaces what people wrote in a postmortem. Absent fields keep their text; send If-Match with the ETag read.</summary>
public sealed record UpdatePostmortemRequest
{
    /// <summary>1 to 200 characters.</summary>
    public string? Title { get; init; }
    /// <summary>Step 1, Markdown: what happened.</summary>
    public string? Record { get; init; }
    /// <summary>Step 1, Markdown: the timeline (imported from the incident; editable).</summary>
    public string? Timeline { get; init; }
    /// <summary>Step 2, Markdown: the impact in words.</summary>
    public string? ImpactSummary { get; init; }
    /// <summary>Step 2: users affected.</summary>
    public string? ImpactUsers { get; init; }
    /// <summary>Step 2: revenue lost or at risk.</summary>
    public string? ImpactRevenue { get; init; }
    /// <summary>Step 2: harm to reputation or trust.</summary>
    public string? ImpactReputation { get; init; }
    /// <summary>Step 3, Markdown: root-cause analysis.</summary>
    public string? RootCause { get; init; }
    /// <summary>Step 3: contributing factors, one each.</summary>
    public IReadOnlyList<string>? ContributingFactors { get; init; }
    /// <summary>Step 4, Markdown: short-term fixes.</summary>
    public string? FixesShortTerm { get; init; }
    /// <summary>Step 4, Markdown: long-term fixes.</summary>
    public string? FixesLongTerm { get; init; }
    /// <summary>Step 5, Markdown: the report.</summary>
    public string? Report { get; init; }
    /// <summary>Step 6, Markdown: notes on the follow-up.</summary>
    public string? FollowUp { get; init; }
}

/// <summary>Moves a postmortem to another review state.</summary>
public sealed record PostmortemTransitionRequest
{
    /// <summary><c>draft</c>, <c>in_review</c> or <c>published</c>.</summary>
    public string? State { get; init; }
}

/// <summary>A review comment.</summary>
public sealed record PostmortemCommentRequest
{
    /// <summary>Markdown, 1 to 10,000 characters.</summary>
    public string? Text { get; init; }
}

/// <summary>Creates or replaces an action item.</summary>
public sealed record ActionItemRequest
{
    /// <summary>What to do, 1 to 200 characters.</summary>
    public string? Title { get; init; }
    /// <summary>Email of the person who owns it.</summary>
    public string? Owner { get; init; }
    /// <summary>Due date, <c>yyyy-MM-dd</c>.</summary>
    public string? Due { get; init; }
    /// <summary><c>P1</c> (most urgent) to <c>P4</c>; P3 when absent.</summary>
    public string? Priority { get; init; }
    /// <summary><c>open</c>, <c>in_progress</c>, <c>done</c> or <c>declined</c>; open when absent.</summary>
    public string? Status { get; init; }
    /// <summary>Why it was declined; required with <c>declined</c>.</summary>
    public string? DeclineReason { get; init; }
    /// <summary>An http(s) link to the ticket in an external tracker.</summary>
    public string? TicketUrl { get; init; }
}

/// <summary>An action item of a postmortem.</summary>
public sealed record ActionItemResponse(
    long Id, string Title, string? Owner, DateOnly? Due, string Priority, string Status, string? DeclineReason, string? TicketUrl, bool Overdue, DateTimeOffset UpdatedAt);

/// <summary>A review comment.</summary>
public sealed record PostmortemCommentResponse(long Id, string Author, DateTimeOffset At, string Text);

/// <summary>The error budget one SLO of an affected service spent during the incident window.</summary>
/// <param name="Slo">The SLO's name.</param>
/// <param name="Service">Its service.</param>
/// <param name="Unit"><c>events</c> or <c>minutes</c>.</param>
/// <param name="Spent">Bad events (or bad time-slice minutes) in the incident window.</param>
/// <param name="Budget">The whole error budget of the SLO's window as of the incident's end.</param>
/// <param name="SpentShare">Spent divided by budget (0.25 is 25% of the budget); null without a budget.</param>
public sealed record BudgetSpentResponse(string Slo, string Service, string Unit, double Spent, double Budget, double? SpentShare);

/// <summary>What Unyo measured of an incident's impact.</summary>
public sealed record PostmortemImpactResponse(
    DateTimeOffset DetectedAt, DateTimeOffset? ResolvedAt, TimeSpan Duration, IReadOnlyList<string> Services, IReadOnlyList<long> Alerts, IReadOnlyList<BudgetSpentResponse> Budgets);

/// <summary>A postmortem, as the list shows it.</summary>
public sealed record PostmortemSummaryResponse(long Id, long Incident, string Title, string State, bool Complete, int OpenItems, int OverdueItems, DateTimeOffset UpdatedAt);

/// <summary>A postmortem.</summary>
public sealed record PostmortemResponse(
    long Id,
    long Incident,
    string Title,
    string State,
    bool Complete,
    string Record,
    string Timeline,
    DateTimeOffset TimelineImportedAt,
    PostmortemImpactResponse Impact,
    string ImpactSummary,
    string ImpactUsers,
    string ImpactRevenue,
    string ImpactReputation,
    string RootCause,
    IReadOnlyList<string> ContributingFactors,
    string FixesShortTerm,
    string FixesLongTerm,
    string Report,
    string FollowUp,
    IReadOnlyList<ActionItemResponse> ActionItems,
    IReadOnlyList<PostmortemCommentResponse> Comments,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    int Revision);
