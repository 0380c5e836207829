namespace Unyo.Features.Alerts.Pipeline;

// What the pipeline needs of an alert's service, read once per batch.
internal sealed record ServiceFacts(Guid Id, string Name, Guid TeamId, string Team, string? RunbookUrl);
