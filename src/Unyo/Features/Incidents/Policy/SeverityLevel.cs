namespace Unyo.Features.Incidents.Policy;

// What SEV1..SEV4 mean in this organisation.
public sealed record SeverityLevel(int Level, string Name, string Description)
{
    public string Label => $"SEV{Level}";
}
