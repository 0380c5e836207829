namespace Unyo.Client;

/// <summary>What the organisation's incidents teach over a period: how fast they were acknowledged and resolved, per
/// service and severity and over time, and which keep coming back.</summary>
/// <param name="From">Start of the period (UTC, inclusive); incidents declared in [From, To) count.</param>
/// <param name="To">End of the period (UTC, exclusive).</param>
/// <param name="Team">The team filter (incidents impacting its services), if any.</param>
/// <param name="Service">The service filter, if any.</param>
/// <param name="Bucket">The trend's bucket: "week" (ISO weeks, Monday 00:00 UTC) or "month".</param>
/// <param name="Overall">Every counted incident.</param>
/// <param name="Services">One row per impacted service, most incidents first (an incident impacting two services counts for both).</param>
/// <param name="Severities">One row per severity (1 = SEV1) that had incidents.</param>
/// <param name="Trend">One row per bucket of the period, oldest first, with empty buckets included.</param>
/// <param name="Recurring">Incidents of the same service with similar titles within 90 days of each other, largest groups first.</param>
public sealed record IncidentLearningResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string? Team,
    string? Service,
    string Bucket,
    IncidentTimes Overall,
    IReadOnlyList<ServiceIncidentTimes> Services,
    IReadOnlyList<SeverityIncidentTimes> Severities,
    IReadOnlyList<IncidentTrendPoint> Trend,
    IReadOnlyList<RecurringIncidents> Recurring);

/// <summary>Timings in seconds over a set of incidents, each measured from detection (the first linked alert, else the
/// declaration); null when no incident qualified. Merged duplicates are left out.</summary>
/// <param name="Incidents">How many incidents.</param>
/// <param name="Sev1">Of those, SEV1.</param>
/// <param name="Sev2">Of those, SEV2.</param>
/// <param name="Sev3">Of those, SEV3.</param>
/// <param name="Sev4">Of those, SEV4.</param>
/// <param name="MttaSeconds">Mean time to acknowledge.</param>
/// <param name="MedianAckSeconds">Median time to acknowledge.</param>
/// <param name="MttmSeconds">Mean time to mitigate (status monitoring).</param>
/// <param name="MttrSeconds">Mean time to resolve, over the resolved ones.</param>
/// <param name="MedianResolveSeconds">Median time to resolve.</param>
/// <param name="Open">Of the incidents, how many are not resolved yet.</param>
public sealed record IncidentTimes(
    int Incidents, int Sev1, int Sev2, int Sev3, int Sev4,
    double? MttaSeconds, double? MedianAckSeconds, double? MttmSeconds, double? MttrSeconds, double? MedianResolveSeconds, int Open);

/// <summary>One impacted service's incidents.</summary>
/// <param name="Service">The service's slug.</param>
/// <param name="Team">The team that owns it.</param>
/// <param name="Times">Its incidents' counts and timings.</param>
public sealed record ServiceIncidentTimes(string Service, string Team, IncidentTimes Times);

/// <summary>One severity's incidents.</summary>
/// <param name="Severity">1 (SEV1) to 4.</param>
/// <param name="Times">Its incidents' counts and timings.</param>
public sealed record SeverityIncidentTimes(int Severity, IncidentTimes Times);

/// <summary>One bucket of the trend.</summary>
/// <param name="Start">Start of the bucket (UTC).</param>
/// <param name="Times">Incidents declared in the bucket.</param>
public sealed record IncidentTrendPoint(DateTimeOffset Start, IncidentTimes Times);

/// <summary>Incidents that look like the same problem coming back.</summary>
/// <param name="Service">The service they share.</param>
/// <param name="Incidents">The incidents, oldest first.</param>
public sealed record RecurringIncidents(string Service, IReadOnlyList<IncidentReference> Incidents);

/// <summary>A short reference to an incident.</summary>
/// <param name="Id">Its number.</param>
/// <param name="Title">Its title.</param>
/// <param name="Severity">1 (SEV1) to 4.</param>
/// <param name="Status">investigating, identified, monitoring or resolved.</param>
/// <param name="DeclaredAt">When it was declared.</param>
public sealed record IncidentReference(long Id, string Title, int Severity, string Status, DateTimeOffset DeclaredAt);
