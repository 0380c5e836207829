namespace Unyo.Features.Alerts;

// What silences and routes judge an alert by: its labels and the implicit ones (service, team,
// severity, urgency, source, integration).
public sealed record AlertFacts(
    string Service,
    string Team,
    AlertSeverity Severity,
    AlertUrgency Urgency,
    string Source,
    string? IntegrationName,
    IReadOnlyDictionary<string, string> Labels);
