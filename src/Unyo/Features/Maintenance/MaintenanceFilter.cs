namespace Unyo.Features.Maintenance;

// What a list of windows is narrowed to: a service they cover, a team that owns them, only those
// under way now.
public sealed record MaintenanceFilter(string? Service, string? Team, bool ActiveOnly);
