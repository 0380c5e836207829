namespace Unyo.Features.Checks;

// A check as the scheduler and the result writer need it: its identity and definition.
public sealed record CheckPlan(Guid Id, Guid ServiceId, string? PingTokenHash, int Revision, DateTimeOffset CreatedAt, CheckDefinition Definition)
{
    public string Name => Definition.Name;

    public bool RunsAt(string location) => Definition.Enabled && Definition.Type != CheckType.Heartbeat && Definition.Locations.Contains(location);
}
