using Unyo.Features.Alerts;
using Unyo.Features.Catalog;

namespace Unyo.Features.Incidents.Policy;

// An auto-declare rule, validated: which alerts it takes and the incident it declares for them.
public sealed record IncidentRule(
    string Name,
    AlertUrgency? Urgency,
    IReadOnlyList<AlertSeverity> AlertSeverities,
    int? MaxTier,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Labels,
    int Severity,
    bool Private,
    string Title)
{
    public bool Matches(Alert alert, Service service) =>
        (Urgency is null || alert.Urgency == Urgency)
        && (AlertSeverities.Count == 0 || AlertSeverities.Contains(alert.Severity))
        && (MaxTier is null || service.Tier <= MaxTier)
        && (Services.Count == 0 || Services.Contains(service.Name, StringComparer.Ordinal))
        && (Tags.Count == 0 || Tags.Any(t => service.Tags.Contains(t, StringComparer.Ordinal)))
        && Labels.All(l => alert.Labels.TryGetValue(l.Key, out var value) && value == l.Value);

    // A template, not a format string: only the two names are replaced, so braces in a summary stay as they are.
    public string TitleFor(Alert alert, Service service)
    {
        var title = Title.Replace("{service}", service.Name, StringComparison.Ordinal).Replace("{summary}", alert.Summary, StringComparison.Ordinal);
        return title.Length <= 200 ? title : title[..199] + "…";
    }
}
