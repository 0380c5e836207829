namespace Unyo.Features.Checks.Locations;

// A mistake the agent cannot work around (a wrong token or location): it stops and says why.
public sealed class ProbeAgentException(string message) : Exception(message);
