namespace Unyo.Features.Catalog;

// A section that a feature above the catalog adds to the home page (who is on call now), above
// the service list. The component takes no parameters.
public sealed record HomePageSection(Type Component, int Order);
