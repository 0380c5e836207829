namespace Unyo.Features.StatusPages.Public;

// One UTC day of a component: the share of its check-minutes that were not mostly failures, or
// null when no check ran that day.
public sealed record UptimeDay(DateOnly Day, double? Availability);
