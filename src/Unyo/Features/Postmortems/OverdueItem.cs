namespace Unyo.Features.Postmortems;

// An overdue action item as the service page lists it.
public sealed record OverdueItem(long Id, string Title, string? Owner, DateOnly? Due, string Priority, long PostmortemId, string PostmortemTitle);
