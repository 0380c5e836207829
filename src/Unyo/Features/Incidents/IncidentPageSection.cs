namespace Unyo.Features.Incidents;

// A section that a feature beside incidents adds to the incident page (status pages: publish an
// update; postmortems: write one), as ServicePageSection does for the service page. The component
// takes one parameter, `IncidentId` (long), and checks visibility and rights itself.
public sealed record IncidentPageSection(Type Component, int Order);
