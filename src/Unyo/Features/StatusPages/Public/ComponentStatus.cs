namespace Unyo.Features.StatusPages.Public;

// What a component shows, from best to worst: the worst wins when several things say something.
// Maintenance ranks just above operational, so a real outage during planned work still shows.
public enum ComponentStatus
{
    Operational,
    UnderMaintenance,
    Degraded,
    PartialOutage,
    MajorOutage,
}
