using System.Text.Json;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Integrations;
using Unyo.Hosting;

namespace Unyo.Tests.Alerts;

public sealed class WebhookMappingTests
{
    private static WebhookMapping Mapping(string json)
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse(json);
        var mapping = WebhookMapping.Read(document.RootElement, "mapping", errors);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.All));
        return mapping!;
    }

    private static (IReadOnlyList<AlertEvent>? Events, Dictionary<string, string[]> Errors) Apply(WebhookMapping mapping, string payload)
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse(payload);
        return (WebhookPayload.Read(document.RootElement, mapping, "webhook/test", errors), errors.ToDictionary());
    }

    [Fact]
    public void FieldsAreReadWithFallbacksConstantsMapsAndDefaults()
    {
        var mapping = Mapping("""
            {"summary": ["$.title", "$.name"], "dedupKey": "$.id", "severity": {"path": "$.level", "map": {"sev1": "critical"}, "default": "info"},
             "source": {"const": "tool"}, "labels": "$.tags", "details": "$.extra", "links": "$.urls", "occurredAt": "$.at", "runbookUrl": "$.runbook"}
            """);

        var (events, errors) = Apply(mapping, """
            {"name": "Fallback summary", "id": 42, "level": "sev1", "tags": {"env": "prod", "replicas": 3, "ok": true, "nested": {"x": 1}},
             "extra": [1, 2], "urls": ["https://a.example.com", {"url": "https://b.example.com", "title": "B"}, "javascript:alert(1)"],
             "at": 1780480800, "runbook": "not a url"}
            """);

        Assert.Empty(errors);
        var alert = Assert.Single(events!);
        Assert.Equal(("Fallback summary", "42", AlertSeverity.Critical, "tool", AlertAction.Trigger), (alert.Summary, alert.DedupKey, alert.Severity, alert.Source, alert.Action));
        Assert.Equal(new Dictionary<string, string> { ["env"] = "prod", ["replicas"] = "3", ["ok"] = "true" }, alert.Labels);
        Assert.Equal("""{"details":[1, 2]}""", alert.Details);
        Assert.Equal(["https://a.example.com", "https://b.example.com"], alert.Links.Select(l => l.Href));
        Assert.Equal("B", alert.Links[1].Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1780480800), alert.OccurredAt);
        Assert.Null(alert.RunbookUrl);
        Assert.Equal(AlertSeverity.Info, Assert.Single(Apply(mapping, """{"title": "t"}""").Events!).Severity);
        Assert.Equal("webhook/test", Assert.Single(Apply(Mapping("""{"summary": "$.t"}"""), """{"t": "x"}""").Events!).Source);
    }

    [Fact]
    public void TheCanonicalFormRoundTrips()
    {
        const string canonical = """{"alerts":"$.items[*]","summary":["$.a","$.b"],"dedupKey":"$.id","action":{"path":"$.s","map":{"bad":"trigger","good":"resolve"},"default":"trigger"},"source":{"const":"x"}}""";

        Assert.Equal(canonical, Mapping(canonical).ToStored());
        Assert.Equal(canonical, WebhookMapping.Parse(canonical).ToStored());
    }

    [Fact]
    public void BadMappingsNameEveryField()
    {
        var errors = new ValidationErrors();
        using var document = JsonDocument.Parse("""
            {"summary": {"path": "$.a", "const": "b"}, "action": {"const": "explode"}, "severity": {"path": "$.s", "default": "fatal", "extra": 1},
             "links": [], "labels": {"map": {"a": "b"}}, "source": 5, "occurredAt": {"const": ""}}
            """);

        Assert.Null(WebhookMapping.Read(document.RootElement, "spec.mapping", errors));
        var found = errors.ToDictionary();
        Assert.Contains("give path or const, not both", found["spec.mapping.summary"][0]);
        Assert.Contains("must be one of trigger, acknowledge, resolve", found["spec.mapping.action.const"][0]);
        Assert.Contains("must be one of critical, error, warning, info", found["spec.mapping.severity.default"][0]);
        Assert.Contains("is not a known field", found["spec.mapping.severity.extra"][0]);
        Assert.Contains("a list of 1 to 8 paths", found["spec.mapping.links"][0]);
        Assert.Contains("is only for action and severity", found["spec.mapping.labels.map"][0]);
        Assert.Contains("must be a JSON path", found["spec.mapping.source"][0]);
        Assert.Contains("must be a string of 1 to 1024 characters", found["spec.mapping.occurredAt.const"][0]);
    }

    [Fact]
    public void OneBadAlertRefusesThePayloadAndEveryBadAlertIsNamed()
    {
        var mapping = Mapping("""{"alerts": "$.list", "summary": "$.t", "dedupKey": "$.k", "occurredAt": "$.at", "labels": "$.l"}""");

        var (events, errors) = Apply(mapping, """{"list": [{"t": "ok"}, {"t": "late", "at": "sometime"}, {"t": "x", "l": "flat"}, {"t": "y", "k": "KKKKKKKKKK"}]}""".Replace("KKKKKKKKKK", new string('k', 256), StringComparison.Ordinal));

        Assert.Null(events);
        Assert.Equal(["alerts[1].occurredAt", "alerts[2].labels", "alerts[3].dedupKey"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("found a string, not an object of strings", errors["alerts[2].labels"][0]);
        Assert.Contains("found nothing in the payload", Apply(mapping, """{"other": []}""").Errors["alerts"][0]);
        // Without [*], an object at the alerts path is one alert.
        Assert.Single(Apply(mapping, """{"list": {"t": "single"}}""").Events!);
    }
}
