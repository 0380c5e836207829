using Unyo.Client;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Matching;
using Unyo.Hosting;

namespace Unyo.Features.Notifications.Routes;

// Field rules for an alert route, shared by the API, the pages and YAML. Whether the team,
// services and channels exist, and whose they are, is checked where the state is known
// (AlertRouteCatalog, AlertRouteKind).
public static class AlertRouteValidator
{
    public const int DefaultOrder = 1000;
    public const int MaxOrder = 100_000;
    public const int MaxServices = 200;
    public const int MaxChannels = 20;

    public static AlertRouteSpec? Validate(AlertRouteRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        if (request.Team is not null)
        {
            Slugs.Check(request.Team, "team", errors);
        }
        if (request.Order is < 0 or > MaxOrder)
        {
            errors.Add("order", $"must be between 0 and {MaxOrder}.");
        }
        var match = request.Match ?? new AlertRouteMatch();
        var services = Names(match.Services, "match.services", MaxServices, errors);
        var severities = Values<AlertSeverity>(match.Severities, "match.severities", "critical, error, warning or info", errors);
        var urgencies = Values<AlertUrgency>(match.Urgencies, "match.urgencies", "high or low", errors);
        var matchers = LabelMatchers.Read(match.Matchers, "match.matchers", errors);
        List<string> channels = [];
        if (request.Targets is not { } targets)
        {
            errors.Add("targets", "is required: the channels that matching alerts notify, or an escalation policy.");
        }
        else
        {
            if (targets.EscalationPolicy is not null)
            {
                Slugs.Check(targets.EscalationPolicy, "targets.escalationPolicy", errors);
            }
            if (targets.Channels is not { Count: > 0 } && targets.EscalationPolicy is null)
            {
                errors.Add("targets.channels", "name at least one notification channel, or an escalation policy.");
            }
            channels = Names(targets.Channels, "targets.channels", MaxChannels, errors);
        }
        if (!errors.IsEmpty)
        {
            return null;
        }
        return new AlertRouteSpec(
            request.Name!, request.Team, request.Order ?? DefaultOrder,
            services, severities, urgencies, matchers, channels,
            request.Continue ?? false, request.Enabled ?? true, request.Targets!.EscalationPolicy);
    }

    private static List<string> Names(IReadOnlyList<string>? names, string field, int max, ValidationErrors errors)
    {
        if (names is null)
        {
            return [];
        }
        if (names.Count > max)
        {
            errors.Add(field, $"must name at most {max}.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            Slugs.Check(names[i], $"{field}[{i}]", errors);
            if (names[i] is { } name && !seen.Add(name))
            {
                errors.Add($"{field}[{i}]", $"'{name}' is listed twice.");
            }
        }
        return [.. names];
    }

    private static List<T> Values<T>(IReadOnlyList<string>? texts, string field, string allowed, ValidationErrors errors) where T : struct, Enum
    {
        var values = new List<T>();
        for (var i = 0; texts is not null && i < texts.Count; i++)
        {
            // Names only: Enum.TryParse would also take "0" or "1".
            if (texts[i] is { } text && text.All(char.IsAsciiLetter) && Enum.TryParse<T>(text, ignoreCase: true, out var value))
            {
                if (values.Contains(value))
                {
                    errors.Add($"{field}[{i}]", $"'{text}' is listed twice.");
                }
                values.Add(value);
            }
            else
            {
                errors.Add($"{field}[{i}]", $"'{texts[i]}' is not one of {allowed}.");
            }
        }
        return values;
    }
}
