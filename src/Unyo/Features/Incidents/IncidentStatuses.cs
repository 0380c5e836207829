namespace Unyo.Features.Incidents;

// Status names as the API, YAML and pages write them, and durations as people say them.
public static class IncidentStatuses
{
    public static string Name(this IncidentStatus status) => status.ToString().ToLowerInvariant();

    public static IncidentStatus? Parse(string? text) => text switch
    {
        "investigating" => IncidentStatus.Investigating,
        "identified" => IncidentStatus.Identified,
        "monitoring" => IncidentStatus.Monitoring,
        "resolved" => IncidentStatus.Resolved,
        _ => null,
    };

    public static string Elapsed(TimeSpan span) => span switch
    {
        { TotalSeconds: < 0 } => "0s",
        { TotalMinutes: < 1 } => $"{(int)span.TotalSeconds}s",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes}m",
        { TotalDays: < 1 } => $"{(int)span.TotalHours}h {span.Minutes}m",
        _ => $"{(int)span.TotalDays}d {span.Hours}h",
    };
}
