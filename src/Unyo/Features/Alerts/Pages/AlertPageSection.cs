namespace Unyo.Features.Alerts.Pages;

// A section that a feature above alerts adds to the alert page (notifications: its deliveries),
// as ServicePageSection does for the service page. The component takes one parameter, `AlertId`.
public sealed record AlertPageSection(Type Component, int Order);
