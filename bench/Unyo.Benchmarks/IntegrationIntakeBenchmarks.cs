using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Unyo.Features.Alerts;
using Unyo.Features.Alerts.Integrations;
using Unyo.Features.Alerts.Urgency;
using Unyo.Hosting;

namespace Unyo.Benchmarks;

/// The CPU side of the Alertmanager and webhook intakes: reading a payload of 10 alerts into
/// events (what a request costs before the pipeline stores it), and the urgency decision the
/// pipeline makes for every new alert.
[MemoryDiagnoser]
public class IntegrationIntakeBenchmarks
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 30, 10, 0, 0, TimeSpan.Zero);
    private readonly UrgencyPolicy _supportHours = UrgencyPolicy.Parse("""{"rule":"supportHours","timeZone":"Europe/Berlin","days":["mon","tue","wed","thu","fri"],"start":"08:00","end":"18:00"}""");
    private readonly WebhookMapping _grafana = WebhookMapping.Parse("""
        {"alerts":"$.alerts[*]","summary":["$.annotations.summary","$.labels.alertname"],"dedupKey":"$.fingerprint",
         "action":{"path":"$.status","map":{"firing":"trigger","resolved":"resolve"}},"severity":{"path":"$.labels.severity","default":"warning"},
         "source":{"const":"grafana"},"runbookUrl":"$.annotations.runbook_url","labels":"$.labels","details":"$.annotations","links":"$.generatorURL","occurredAt":"$.startsAt"}
        """);
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup()
    {
        var alerts = Enumerable.Range(0, 10).Select(i => $$"""
            {"status":"firing","labels":{"alertname":"CheckoutLatency","severity":"critical","instance":"web-{{i}}","job":"checkout"},
             "annotations":{"summary":"Checkout p99 above 2 s on web-{{i}}","runbook_url":"https://wiki.example.com/runbooks/latency"},
             "startsAt":"2026-06-03T10:00:00.000Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=x","fingerprint":"57c6d9296de2ad{{i:00}}"}
            """);
        _payload = Encoding.UTF8.GetBytes($$"""
            {"version":"4","receiver":"unyo","status":"firing","groupKey":"{}:{alertname=\"CheckoutLatency\"}","externalURL":"http://alertmanager:9093",
             "groupLabels":{"alertname":"CheckoutLatency"},"commonLabels":{},"commonAnnotations":{},"truncatedAlerts":0,"alerts":[{{string.Join(",", alerts)}}]}
            """);
    }

    [Benchmark]
    public int AlertmanagerPayloadOf10()
    {
        using var document = JsonDocument.Parse(_payload);
        return AlertmanagerPayload.Read(document.RootElement, new ValidationErrors())!.Count;
    }

    [Benchmark]
    public int WebhookGrafanaPayloadOf10()
    {
        using var document = JsonDocument.Parse(_payload);
        return WebhookPayload.Read(document.RootElement, _grafana, "webhook/x", new ValidationErrors())!.Count;
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public int UrgencyBySupportHours()
    {
        var high = 0;
        for (var i = 0; i < 1000; i++)
        {
            high += _supportHours.Decide(AlertSeverity.Warning, Noon.AddMinutes(i * 7)) == AlertUrgency.High ? 1 : 0;
        }
        return high;
    }
}
