namespace Unyo.Features.Alerts.Matching;

// What silences and routes see of one alert: the pipeline builds one per triggering alert.
// Service and Team are names (slugs); Labels are the alert's own labels.
public sealed record AlertFacts(
    string Service,
    string Team,
    AlertSeverity Severity,
    AlertUrgency Urgency,
    string Source,
    string? IntegrationName,
    IReadOnlyDictionary<string, string> Labels)
{
    private static readonly string[] SeverityNames = [.. Enum.GetValues<AlertSeverity>().Select(s => s.ToString().ToLowerInvariant())];
    private static readonly string[] UrgencyNames = [.. Enum.GetValues<AlertUrgency>().Select(u => u.ToString().ToLowerInvariant())];

    // The value a matcher sees for a label name: the implicit labels first (an alert's own label
    // of the same name cannot pretend to be another service or team), then the alert's labels,
    // else "" (a missing label is the empty string, as in Alertmanager). Allocation-free.
    public string Label(string name) => name switch
    {
        "service" => Service,
        "team" => Team,
        "severity" => SeverityNames[(int)Severity],
        "urgency" => UrgencyNames[(int)Urgency],
        "source" => Source,
        "integration" => IntegrationName ?? "",
        _ => Labels.TryGetValue(name, out var value) ? value : "",
    };

    public static string NameOf(AlertSeverity severity) => SeverityNames[(int)severity];

    public static string NameOf(AlertUrgency urgency) => UrgencyNames[(int)urgency];

    public static bool IsImplicit(string name) => name is "service" or "team" or "severity" or "urgency" or "source" or "integration";
}
