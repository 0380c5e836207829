using System.Text.Json;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations;

// The integration as callers see it. The key is a secret of the service's team: its members and
// admins get it and the intake URL in full, everyone else the last four characters, enough to tell
// keys apart in a tool's configuration.
public static class IntegrationResponses
{
    public static IntegrationResponse ToResponse(Integration integration, string? key, bool visible, string baseUrl)
    {
        var spec = IntegrationSpec.From(integration, integration.Service!.Name);
        var shown = visible && key is not null ? key : Mask(key);
        return new IntegrationResponse(
            integration.Name, spec.Service, integration.Service.Team!.Name, IntegrationSpec.KindText(integration.Kind),
            shown, visible && key is not null, IntakeUrl(integration.Kind, baseUrl, shown),
            spec.MappingJson(), JsonSerializer.SerializeToElement(spec.Urgency.ToJson()), spec.Urgency.Describe(), spec.AutoResolveAfter is { } after ? Durations.Format(after) : null,
            integration.ManagedBy.ToName(), integration.Revision, integration.CreatedAt, integration.UpdatedAt);
    }

    public static string Mask(string? key) => key is { Length: > 4 } ? "••••" + key[^4..] : "••••";

    // Where a tool sends its events; baseUrl ends without a slash.
    public static string IntakeUrl(IntegrationKind kind, string baseUrl, string key) => kind switch
    {
        IntegrationKind.Alertmanager => $"{baseUrl}/api/v1/integrations/alertmanager/{key}",
        IntegrationKind.Webhook => $"{baseUrl}/api/v1/integrations/webhook/{key}",
        IntegrationKind.PagerDuty => $"{baseUrl}/v2/enqueue",
        _ => $"{baseUrl}/api/v1/alerts",
    };

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
