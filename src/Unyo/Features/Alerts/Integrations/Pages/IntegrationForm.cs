using System.Text.Json;
using Unyo.Client;
using Unyo.Hosting;

namespace Unyo.Features.Alerts.Integrations.Pages;

// The small form that adds an integration to a service. Mapping and urgency are JSON text, as in
// the API; a blank urgency is the default rule.
public sealed class IntegrationForm
{
    public string? Name { get; set; }
    public string? Kind { get; set; } = "alertmanager";
    public string? Mapping { get; set; }
    public string? Urgency { get; set; }
    public string? AutoResolveAfter { get; set; }

    public IntegrationRequest? ToRequest(string service, ValidationErrors errors) =>
        new()
        {
            Name = Name?.Trim(),
            Service = service,
            Kind = Kind,
            Mapping = Json(Mapping, "mapping", errors),
            Urgency = Json(Urgency, "urgency", errors),
            AutoResolveAfter = string.IsNullOrWhiteSpace(AutoResolveAfter) ? null : AutoResolveAfter.Trim(),
        };

    private static JsonElement? Json(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            errors.Add(field, $"is not valid JSON: {exception.Message}");
            return null;
        }
    }
}
