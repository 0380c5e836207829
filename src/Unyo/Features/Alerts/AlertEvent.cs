namespace Unyo.Features.Alerts;

// One event from any intake (native JSON, Alertmanager, PagerDuty Events v2, a mapped webhook,
// an SLO or a check), already parsed and validated: what the alert pipeline works on.
// DedupKey: events with the same key update one open alert; null lets the pipeline make one.
// Urgency: null lets the integration's urgency rule decide. Details: a JSON object as text.
public sealed record AlertEvent(
    AlertAction Action,
    string? DedupKey,
    string Summary,
    string Source,
    AlertSeverity Severity,
    AlertUrgency? Urgency,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<AlertLink> Links,
    string? RunbookUrl,
    string? Details,
    string? GroupKey,
    DateTimeOffset? OccurredAt)
{
    public const int MaxSummaryLength = 1024;
    public const int MaxDedupKeyLength = 255;
}
