namespace Unyo.Features.Catalog;

// A section that a feature above the catalog adds to the service page (its SLOs, later its
// checks and on-call). The component takes one parameter, `Service`: the service's slug.
public sealed record ServicePageSection(Type Component, int Order);
