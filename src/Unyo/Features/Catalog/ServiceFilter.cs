namespace Unyo.Features.Catalog;

// Filters of the services list; null means "any".
public sealed record ServiceFilter(string? Team, int? Tier, string? Tag, string? Text);
