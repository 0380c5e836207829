using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.Hosting;

namespace Unyo.Features.Incidents.Policy;

// One validator for the API, the YAML kind and the stored document. Field paths are relative to
// the spec (`roles[1].key`); the YAML kind prefixes `spec.`.
public static class IncidentPolicyValidator
{
    public static IncidentPolicySpec? Validate(IncidentPolicyDocument? document, ValidationErrors errors)
    {
        if (document is null)
        {
            errors.Add("body", "is required: an incident policy with severities, roles and rules.");
            return null;
        }
        var severities = Severities(document.Severities, errors);
        var roles = Roles(document.Roles, errors);
        var rules = new List<IncidentRule>();
        var ruleList = document.Rules ?? [];
        if (ruleList.Count > 50)
        {
            errors.Add("rules", "holds at most 50 rules.");
        }
        for (var i = 0; i < ruleList.Count; i++)
        {
            if (Rule(ruleList[i], $"rules[{i}]", errors) is { } rule)
            {
                if (rules.Exists(r => r.Name == rule.Name))
                {
                    errors.Add($"rules[{i}].name", $"'{rule.Name}' is the name of an earlier rule; names are unique.");
                }
                rules.Add(rule);
            }
        }
        return errors.IsEmpty ? new IncidentPolicySpec(severities, roles, rules) : null;
    }

    private static List<SeverityLevel> Severities(IReadOnlyList<IncidentSeverityDefinition>? given, ValidationErrors errors)
    {
        var levels = new List<SeverityLevel>();
        if (given is null)
        {
            return [.. IncidentPolicySpec.Defaults.Severities];
        }
        for (var i = 0; i < given.Count; i++)
        {
            var s = given[i];
            var path = $"severities[{i}]";
            if (s.Level is not (>= 1 and <= 4))
            {
                errors.Add($"{path}.level", "must be 1, 2, 3 or 4.");
                continue;
            }
            if (levels.Exists(l => l.Level == s.Level))
            {
                errors.Add($"{path}.level", $"SEV{s.Level} is defined twice.");
            }
            var name = Text(s.Name, $"{path}.name", 40, required: true, errors);
            var description = Text(s.Description, $"{path}.description", 500, required: false, errors);
            levels.Add(new SeverityLevel(s.Level.Value, name ?? "", description ?? ""));
        }
        if (levels.Select(l => l.Level).Distinct().Count() != 4)
        {
            errors.Add("severities", "must define each of the levels 1, 2, 3 and 4 once.");
        }
        return [.. levels.OrderBy(l => l.Level)];
    }

    private static List<IncidentRole> Roles(IReadOnlyList<IncidentRoleDefinition>? given, ValidationErrors errors)
    {
        if (given is null)
        {
            return [.. IncidentPolicySpec.Defaults.Roles];
        }
        var roles = new List<IncidentRole>();
        if (given.Count is < 1 or > 12)
        {
            errors.Add("roles", "holds 1 to 12 roles.");
        }
        for (var i = 0; i < given.Count; i++)
        {
            var r = given[i];
            var path = $"roles[{i}]";
            if (!Slugs.IsValid(r.Key))
            {
                errors.Add($"{path}.key", "is required: a lowercase slug such as 'communications'.");
                continue;
            }
            if (r.Key!.Length > 40 || roles.Exists(x => x.Key == r.Key))
            {
                errors.Add($"{path}.key", r.Key.Length > 40 ? "is at most 40 characters." : $"'{r.Key}' is defined twice.");
            }
            var name = Text(r.Name, $"{path}.name", 60, required: true, errors);
            var duties = Text(r.Duties, $"{path}.duties", 1000, required: true, errors);
            if (r.Key == IncidentRole.Commander && r.Required == false)
            {
                errors.Add($"{path}.required", "the commander is always required: every incident needs someone in charge.");
            }
            roles.Add(new IncidentRole(r.Key, name ?? "", duties ?? "", r.Key == IncidentRole.Commander || r.Required == true));
        }
        if (given.Count > 0 && !roles.Exists(r => r.Key == IncidentRole.Commander))
        {
            errors.Add("roles", "must include the role 'commander'.");
        }
        return roles;
    }

    private static IncidentRule? Rule(AutoDeclareRule rule, string path, ValidationErrors errors)
    {
        Slugs.Check(rule.Name, $"{path}.name", errors);
        var match = rule.Match ?? new AutoDeclareMatch();
        if (rule.Match is null)
        {
            errors.Add($"{path}.match", "is required: which alerts the rule takes (urgency, severities, maxTier, services, tags, labels).");
        }
        AlertUrgency? urgency = null;
        if (match.Urgency is { } u)
        {
            urgency = u switch { "high" => AlertUrgency.High, "low" => AlertUrgency.Low, _ => null };
            if (urgency is null)
            {
                errors.Add($"{path}.match.urgency", $"'{u}' is not an urgency: use high or low.");
            }
        }
        var severities = new List<AlertSeverity>();
        var given = match.Severities ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            AlertSeverity? severity = given[i] switch
            {
                "critical" => AlertSeverity.Critical,
                "error" => AlertSeverity.Error,
                "warning" => AlertSeverity.Warning,
                "info" => AlertSeverity.Info,
                _ => null,
            };
            if (severity is null)
            {
                errors.Add($"{path}.match.severities[{i}]", $"'{given[i]}' is not an alert severity: use critical, error, warning or info.");
                continue;
            }
            severities.Add(severity.Value);
        }
        if (match.MaxTier is { } tier && tier is < 1 or > 5)
        {
            errors.Add($"{path}.match.maxTier", "must be 1 to 5.");
        }
        var services = match.Services ?? [];
        for (var i = 0; i < services.Count; i++)
        {
            Slugs.Check(services[i], $"{path}.match.services[{i}]", errors);
        }
        var tags = match.Tags ?? [];
        for (var i = 0; i < tags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i]) || tags[i].Length > 63)
            {
                errors.Add($"{path}.match.tags[{i}]", "must be a tag of 1 to 63 characters.");
            }
        }
        var labels = match.Labels ?? new Dictionary<string, string>();
        foreach (var (name, value) in labels)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 100 || value is null || value.Length > 1000)
            {
                errors.Add($"{path}.match.labels", $"label '{name}' needs a name of 1 to 100 characters and a value of at most 1000.");
            }
        }
        var declare = rule.Declare;
        if (declare is null)
        {
            errors.Add($"{path}.declare", "is required: the incident's severity (1 to 4), and optionally private and a title template.");
            return null;
        }
        if (declare.Severity is not (>= 1 and <= 4))
        {
            errors.Add($"{path}.declare.severity", "is required: 1 (SEV1, the worst) to 4.");
        }
        var title = declare.Title ?? "{summary}";
        if (string.IsNullOrWhiteSpace(title) || title.Length > 200)
        {
            errors.Add($"{path}.declare.title", "must be 1 to 200 characters; {summary} and {service} are replaced.");
        }
        return rule.Name is null || declare.Severity is null
            ? null
            : new IncidentRule(rule.Name, urgency, severities, match.MaxTier, services, tags, labels, declare.Severity.Value, declare.Private ?? false, title);
    }

    private static string? Text(string? value, string field, int max, bool required, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, "is required.");
            }
            return null;
        }
        if (value.Length > max)
        {
            errors.Add(field, $"is at most {max} characters.");
        }
        return value.Trim();
    }
}
