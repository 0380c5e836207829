using Unyo.Features.Incidents;

namespace Unyo.Features.StatusPages.Public;

public static class ComponentStatusNames
{
    public static string ToName(this ComponentStatus status) => status switch
    {
        ComponentStatus.Operational => "operational",
        ComponentStatus.UnderMaintenance => "under_maintenance",
        ComponentStatus.Degraded => "degraded",
        ComponentStatus.PartialOutage => "partial_outage",
        _ => "major_outage",
    };

    public static string ToText(this ComponentStatus status) => status switch
    {
        ComponentStatus.Operational => "Operational",
        ComponentStatus.UnderMaintenance => "Under maintenance",
        ComponentStatus.Degraded => "Degraded performance",
        ComponentStatus.PartialOutage => "Partial outage",
        _ => "Major outage",
    };

    public static string Banner(this ComponentStatus status) => status switch
    {
        ComponentStatus.Operational => "All systems operational",
        ComponentStatus.UnderMaintenance => "Scheduled maintenance in progress",
        ComponentStatus.Degraded => "Some systems are degraded",
        ComponentStatus.PartialOutage => "Partial outage",
        _ => "Major outage",
    };

    // An open incident's severity as what users feel: SEV1 is a major outage, SEV2 a partial one,
    // SEV3 and SEV4 degraded performance (docs/status-pages.md).
    public static ComponentStatus OfSeverity(int severity) => severity switch
    {
        <= 1 => ComponentStatus.MajorOutage,
        2 => ComponentStatus.PartialOutage,
        _ => ComponentStatus.Degraded,
    };

    public static string ToName(this IncidentStatus status) => status.ToString().ToLowerInvariant();
}
