namespace Unyo.Features.Maintenance;

// One occurrence of a maintenance window: [Start, End), End being when it was ended if that came
// first. What checks, alerts and SLOs ask the calendar about.
public sealed record MaintenanceOccurrence(string Window, string Title, DateTimeOffset Start, DateTimeOffset End, bool EndedEarly, bool SuppressAlerts)
{
    public bool Covers(DateTimeOffset at) => Start <= at && at < End;
}
