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
    string? UrgencyRule);
