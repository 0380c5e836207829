using System.Text.Json;
using System.Text.Json.Nodes;
using Unyo.Features.Alerts.Urgency;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// An integration as the API and YAML describe it, after validation: what plans compare, exports
// write and audit records keep. Never the key: the key is made by Unyo and shown by the API.
public sealed record IntegrationSpec(string Name, string Service, IntegrationKind Kind, WebhookMapping? Mapping, UrgencyRule Urgency, TimeSpan? AutoResolveAfter = null)
{
    public const string KindName = "Integration";

    public static IntegrationSpec From(Integration integration, string service) => new(
        integration.Name, service, integration.Kind,
        integration.Mapping is null ? null : WebhookMapping.Parse(integration.Mapping),
        integration.UrgencyRule is null ? new UrgencyRule(UrgencyRuleKind.Severity) : UrgencyPolicy.Parse(integration.UrgencyRule).Rule,
        integration.AutoResolveAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);

    public static string KindText(IntegrationKind kind) => kind.ToString().ToLowerInvariant();

    public JsonObject ToDocument(string team)
    {
        var spec = new JsonObject()
            .With("service", Service)
            .With("type", KindText(Kind));
        if (Mapping is not null)
        {
            spec["mapping"] = Mapping.ToJson();
        }
        spec["urgency"] = Urgency.ToJson();
        if (AutoResolveAfter is { } after)
        {
            spec["autoResolveAfter"] = Durations.Format(after);
        }
        return ConfigDocuments.Document(KindName, new JsonObject { ["name"] = Name, ["team"] = team }, spec);
    }

    public void CopyTo(Integration integration)
    {
        integration.Name = Name;
        integration.Kind = Kind;
        integration.Mapping = Mapping?.ToStored();
        integration.UrgencyRule = Urgency.ToStored();
        integration.AutoResolveAfterSeconds = AutoResolveAfter is { } after ? (int)after.TotalSeconds : null;
    }

    public JsonElement? MappingJson() => Mapping is null ? null : JsonSerializer.SerializeToElement(Mapping.ToJson());
}
