namespace Unyo.Features.Alerts;

// What intake needs to know of an integration once its key is found: cached, so a request
// does not read the integrations table.
public sealed record IntegrationRef(
    Guid Id,
    string Name,
    IntegrationKind Kind,
    Guid ServiceId,
    string Service,
    Guid TeamId,
    string? Mapping,
    string? UrgencyRule)
{
    // Alerts Unyo raises itself (SLO burn, checks) come through no integration: an empty id keeps
    // the alert's IntegrationId null, and "unyo" is who the timeline says triggered and resolved it.
    public static IntegrationRef Unyo(Guid serviceId, string service, Guid teamId) =>
        new(Guid.Empty, "unyo", IntegrationKind.Native, serviceId, service, teamId, null, null);

    public bool IsUnyo => Id == Guid.Empty;
}
