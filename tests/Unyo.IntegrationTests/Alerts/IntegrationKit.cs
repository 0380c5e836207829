using System.Net;
using System.Text;
using System.Text.Json;
using Unyo.Client;
using Unyo.IntegrationTests.Infrastructure;

namespace Unyo.IntegrationTests.Alerts;

/// Integrations made through the API, and payloads posted to their intakes.
public static class IntegrationKit
{
    public static async Task<IntegrationResponse> CreateAsync(HttpClient client, string service, string kind, object? mapping = null, object? urgency = null, string? name = null) =>
        await (await client.PostJsonAsync("api/v1/integrations", new IntegrationRequest
        {
            Name = name ?? Names.Unique("int"),
            Service = service,
            Kind = kind,
            Mapping = mapping is null ? null : Element(mapping),
            Urgency = urgency is null ? null : Element(urgency),
        })).ReadAsync<IntegrationResponse>(HttpStatusCode.Created);

    public static JsonElement Element(object value) => value is string json ? JsonDocument.Parse(json).RootElement.Clone() : JsonSerializer.SerializeToElement(value, HttpAssertions.Json);

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string kind, string key, string json) =>
        client.PostAsync($"api/v1/integrations/{kind}/{key}", new StringContent(json, Encoding.UTF8, "application/json"));

    /// An Alertmanager v4 payload as Alertmanager 0.25 sends it, with the given alerts.
    public static string AlertmanagerPayload(string status, params object[] alerts) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["receiver"] = "unyo",
        ["status"] = status,
        ["alerts"] = alerts,
        ["groupLabels"] = new { alertname = "CheckoutLatency" },
        ["commonLabels"] = new { alertname = "CheckoutLatency" },
        ["commonAnnotations"] = new { },
        ["externalURL"] = "http://alertmanager.example.com:9093",
        ["version"] = "4",
        ["groupKey"] = "{}:{alertname=\"CheckoutLatency\"}",
        ["truncatedAlerts"] = 0,
    });

    public static object AlertmanagerAlert(string status, string? fingerprint, Dictionary<string, string> labels, Dictionary<string, string>? annotations = null) => new Dictionary<string, object?>
    {
        ["status"] = status,
        ["labels"] = labels,
        ["annotations"] = annotations ?? [],
        ["startsAt"] = "2026-06-03T10:00:00.000Z",
        ["endsAt"] = status == "resolved" ? "2026-06-03T10:05:00.000Z" : "0001-01-01T00:00:00Z",
        ["generatorURL"] = "http://prometheus.example.com:9090/graph?g0.expr=up",
        ["fingerprint"] = fingerprint,
    };

    /// The JSON block after `<!-- mapping: NAME -->` in docs/integrations.md: the documented mappings are the tested ones.
    public static string DocumentedMapping(string name)
    {
        var text = File.ReadAllText(Repository.PathOf("docs", "integrations.md"));
        var marker = text.IndexOf($"<!-- mapping: {name} -->", StringComparison.Ordinal);
        Assert.True(marker >= 0, $"docs/integrations.md has no mapping '{name}'");
        var start = text.IndexOf("```json", marker, StringComparison.Ordinal) + "```json".Length;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
