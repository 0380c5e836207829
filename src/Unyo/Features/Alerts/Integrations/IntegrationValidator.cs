using System.Text.Json;
using Unyo.Client;
using Unyo.Features.Alerts.Urgency;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// Field rules for an integration, shared by the API, the pages and YAML. Keys are the request's
// field names (`mapping.summary`, `urgency.timeZone`); YAML puts `spec.` before them. Whether the
// service exists is checked where the state is known.
public static class IntegrationValidator
{
    public const int MaxMappingChars = 8000;
    public const int MaxUrgencyChars = 4000;
    public static readonly TimeSpan MinAutoResolveAfter = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxAutoResolveAfter = TimeSpan.FromDays(30);

    public static IntegrationSpec? Validate(IntegrationRequest request, ValidationErrors errors)
    {
        Slugs.Check(request.Name, "name", errors);
        Slugs.Check(request.Service, "service", errors);
        var kind = ParseKind(request.Kind, "kind", errors);
        WebhookMapping? mapping = null;
        var hasMapping = request.Mapping is { ValueKind: not JsonValueKind.Null };
        if (kind == IntegrationKind.Webhook)
        {
            if (!hasMapping)
            {
                errors.Add("mapping", "is required for a webhook integration: at least {\"summary\": \"$.title\"} (see docs/integrations.md for examples).");
            }
            else if ((mapping = WebhookMapping.Read(request.Mapping!.Value, "mapping", errors)) is not null && mapping.ToStored().Length > MaxMappingChars)
            {
                errors.Add("mapping", $"must be at most {MaxMappingChars} characters as JSON.");
            }
        }
        else if (hasMapping && kind is not null)
        {
            errors.Add("mapping", $"is only for kind webhook; {IntegrationSpec.KindText(kind.Value)} payloads have fixed fields.");
        }
        var urgency = request.Urgency is { } rule ? UrgencyRule.Read(rule, "urgency", errors) : new UrgencyRule(UrgencyRuleKind.Severity);
        if (urgency?.ToStored() is { Length: > MaxUrgencyChars })
        {
            errors.Add("urgency", $"must be at most {MaxUrgencyChars} characters as JSON.");
        }
        TimeSpan? autoResolveAfter = request.AutoResolveAfter is { } text
            ? Durations.Read(text, "autoResolveAfter", TimeSpan.Zero, MinAutoResolveAfter, MaxAutoResolveAfter, errors)
            : null;
        return errors.IsEmpty ? new IntegrationSpec(request.Name!, request.Service!, kind!.Value, mapping, urgency!, autoResolveAfter) : null;
    }

    public static IntegrationKind? ParseKind(string? text, string field, ValidationErrors errors)
    {
        switch (text)
        {
            case "native": return IntegrationKind.Native;
            case "alertmanager": return IntegrationKind.Alertmanager;
            case "pagerduty": return IntegrationKind.PagerDuty;
            case "webhook": return IntegrationKind.Webhook;
            case null or "":
                errors.Add(field, "is required: native, alertmanager, pagerduty or webhook.");
                return null;
            default:
                errors.Add(field, $"'{text}' must be native, alertmanager, pagerduty or webhook.");
                return null;
        }
    }
}
