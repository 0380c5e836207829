using System.Collections.Concurrent;

namespace Unyo.Features.Alerts.Integrations;

// The parsed mapping of each webhook integration, kept while its stored text stays the same.
public static class WebhookMappings
{
    private static readonly ConcurrentDictionary<Guid, (string Text, WebhookMapping? Mapping)> ByIntegration = new();

    // Null when the integration has none, or one that no longer reads.
    public static WebhookMapping? For(IntegrationRef integration)
    {
        if (integration.Mapping is not { } text)
        {
            return null;
        }
        if (ByIntegration.TryGetValue(integration.Id, out var cached) && string.Equals(cached.Text, text, StringComparison.Ordinal))
        {
            return cached.Mapping;
        }
        WebhookMapping? mapping;
        try
        {
            mapping = WebhookMapping.Parse(text);
        }
        catch (Exception exception) when (exception is FormatException or System.Text.Json.JsonException)
        {
            mapping = null;
        }
        ByIntegration[integration.Id] = (text, mapping);
        return mapping;
    }
}
