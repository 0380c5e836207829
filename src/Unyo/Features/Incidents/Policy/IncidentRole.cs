namespace Unyo.Features.Incidents.Policy;

// A role people take in an incident, with the duties shown to whoever takes it.
public sealed record IncidentRole(string Key, string Name, string Duties, bool Required)
{
    public const string Commander = "commander";
}
