using Unyo.Features.Alerts.Matching;

namespace Unyo.Features.Notifications.Routes;

// A route ready to judge alerts: sets for the lists, compiled matchers. Empty lists match any.
public sealed class CompiledRoute(AlertRouteSpec spec)
{
    private readonly HashSet<string> _services = spec.Services.ToHashSet(StringComparer.Ordinal);
    private readonly LabelMatcher[] _matchers = [.. spec.Matchers];

    public AlertRouteSpec Spec { get; } = spec;
    public string Name => Spec.Name;

    public bool Matches(AlertFacts facts)
    {
        if ((Spec.Team is { } team && !string.Equals(team, facts.Team, StringComparison.Ordinal))
            || (_services.Count > 0 && !_services.Contains(facts.Service))
            || (Spec.Severities.Count > 0 && !Spec.Severities.Contains(facts.Severity))
            || (Spec.Urgencies.Count > 0 && !Spec.Urgencies.Contains(facts.Urgency)))
        {
            return false;
        }
        foreach (var matcher in _matchers)
        {
            if (!matcher.Matches(facts))
            {
                return false;
            }
        }
        return true;
    }

    // Why it matches or not, in words, for the preview.
    public string Explain(AlertFacts facts)
    {
        if (!Spec.Enabled)
        {
            return "disabled";
        }
        if (Spec.Team is { } team && !string.Equals(team, facts.Team, StringComparison.Ordinal))
        {
            return $"team '{team}''s route; the service belongs to team '{facts.Team}'";
        }
        if (_services.Count > 0 && !_services.Contains(facts.Service))
        {
            return $"service '{facts.Service}' is not one of {string.Join(", ", Spec.Services)}";
        }
        if (Spec.Severities.Count > 0 && !Spec.Severities.Contains(facts.Severity))
        {
            return $"severity {AlertFacts.NameOf(facts.Severity)} is not one of {string.Join(", ", Spec.Severities.Select(AlertFacts.NameOf))}";
        }
        if (Spec.Urgencies.Count > 0 && !Spec.Urgencies.Contains(facts.Urgency))
        {
            return $"urgency {AlertFacts.NameOf(facts.Urgency)} is not one of {string.Join(", ", Spec.Urgencies.Select(AlertFacts.NameOf))}";
        }
        if (_matchers.FirstOrDefault(m => !m.Matches(facts)) is { } failed)
        {
            return $"matcher {failed} does not match ({failed.Name}=\"{facts.Label(failed.Name)}\")";
        }
        return "matches";
    }
}
