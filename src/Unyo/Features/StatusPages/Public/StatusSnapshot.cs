namespace Unyo.Features.StatusPages.Public;

// Everything the public may see of one status page at one instant: what the HTML page, the
// JSON summary and the Atom feed are made of. It holds no internal field (no incident summary,
// timeline, private incident or person), so no view made from it can leak one.
public sealed record StatusSnapshot(
    string Page,
    string Title,
    string? Description,
    ComponentStatus Overall,
    IReadOnlyList<StatusSnapshot.Component> Components,
    IReadOnlyList<StatusSnapshot.Incident> ActiveIncidents,
    IReadOnlyList<StatusSnapshot.Incident> PastIncidents,
    IReadOnlyList<StatusSnapshot.Maintenance> Maintenances,
    DateTimeOffset GeneratedAt)
{
    public sealed record Component(string Name, string? Group, ComponentStatus Status, IReadOnlyList<UptimeDay> Uptime);

    public sealed record Update(long Id, string Status, string Message, DateTimeOffset At);

    public sealed record Incident(long Id, string Title, string Status, ComponentStatus Impact, IReadOnlyList<string> Components,
        DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt, IReadOnlyList<Update> Updates);

    public sealed record Maintenance(string Title, DateTimeOffset Start, DateTimeOffset End, bool Active, IReadOnlyList<string> Components);
}
