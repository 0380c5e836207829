using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;
using Unyo.Hosting;

namespace Unyo.Tests.ConfigAsCode;

public sealed class OpenSloExporterTests
{
    private static readonly Dictionary<string, string> Checkout = new() { ["service.name"] = "checkout" };
    private static readonly Dictionary<string, IReadOnlyList<string>> NoExclusions = [];

    // One SLI of every source and kind Unyo has, and SLOs over every window and budgeting method,
    // with alert rules whose thresholds are exact and ones that are not.
    private static readonly SliDefinition[] Slis =
    [
        new("native-ratio", "checkout", "Orders placed.", SliKind.Ratio, null, SliSourceSettings.Native),
        new("native-latency", "checkout", null, SliKind.Latency, 300, SliSourceSettings.Native),
        new("otlp-ratio", "checkout", null, SliKind.Ratio, null, new(SliSource.Otlp, new(
            new OtlpSelector("http.server.request.duration", Checkout, new Dictionary<string, IReadOnlyList<string>> { ["http.response.status_code"] = ["5*"] }),
            new OtlpSelector("http.server.request.duration", Checkout, NoExclusions), null), null)),
        new("otlp-latency", "checkout", null, SliKind.Latency, 250, new(SliSource.Otlp, new(null, null, new OtlpSelector("http.server.request.duration", Checkout, NoExclusions)), null)),
        new("prom-counters", "search", new string('d', 1200), SliKind.Ratio, null, new(SliSource.Prometheus, null, new(
            "http://prometheus:9090", "sum(increase(searches_total{code!~\"5..\"}[{{window}}]))", "sum(increase(searches_total[{{window}}]))", null))),
        new("prom-expressions", "search", null, SliKind.Ratio, null, new(SliSource.Prometheus, null, new(
            "http://prometheus:9090", "sum(rate(ok[{{window}}])) * 60", "sum(rate(all[{{window}}])) * 60", null))),
        new("prom-ratio", "search", null, SliKind.Ratio, null, new(SliSource.Prometheus, null, new(
            "https://mimir.example.com/prometheus", null, null, "avg_over_time(error_ratio[{{window}}])"))),
    ];

    private static readonly SloSpec[] Slos =
    [
        new("checkout-orders", "checkout-orders", null, "checkout", "native-ratio", 99.9m, 30, null, null, BudgetingMethod.Occurrences, null, null,
            [new(BurnSeverity.Page, 60, 5, 2m), new(BurnSeverity.Page, 360, 30, 5m), new(BurnSeverity.Ticket, 1440, 120, 10m), new(BurnSeverity.Ticket, 4320, 360, 10m)]),
        new("checkout-fast", new string('F', 80), new string('x', 1500), "checkout", "native-latency", 99.5m, null, CalendarPeriod.Month, "Europe/Berlin",
            BudgetingMethod.Timeslices, 95m, 5, [new(BurnSeverity.Ticket, 90, 10, 0.5m), new(BurnSeverity.Ticket, 90, 10, 0.5m)]),
        new("search-available", "Search is available", null, "search", "prom-ratio", 99.95m, 28, null, null, BudgetingMethod.Occurrences, null, null,
            [new(BurnSeverity.Ticket, 4320, 360, 10m)]),
        new("search-week", "search-week", null, "search", "prom-counters", 99m, null, CalendarPeriod.Week, "UTC", BudgetingMethod.Occurrences, null, null, []),
        new("search-quarter", "search-quarter", null, "search", "prom-expressions", 98.5m, null, CalendarPeriod.Quarter, "America/New_York", BudgetingMethod.Occurrences, null, null, []),
    ];

    private static List<JsonObject> Export() =>
        OpenSloExporter.Export([.. Slis.Select(s => s.ToDocument())], [.. Slos.Select(s => s.ToDocument())]);

    [Fact]
    public void ExportedDocumentsKeepOpenSlosRules()
    {
        var documents = Export();

        Assert.Equal(
            ["DataSource mimir-example-com-443", "DataSource prometheus-9090", "AlertNotificationTarget unyo", .. Slis.Select(s => $"SLI {s.Name}"), .. Slos.Select(s => $"SLO {s.Name}")],
            documents.Select(d => $"{d["kind"]} {d["metadata"]!["name"]}"));
        Assert.Empty(documents.SelectMany(OpenSloRules.Check));
    }

    [Fact]
    public void TheRulesCheckCatchesWhatOpenSloRefuses()
    {
        var slo = Export().Single(d => d["metadata"]!["name"]!.ToString() == "checkout-orders");
        var policy = slo["spec"]!["alertPolicies"]![0]!["spec"]!.AsObject();
        policy.Remove("notificationTargets");
        slo["spec"]!["objectives"]![0]!["target"] = 0.999;
        slo["metadata"]!["name"] = "Checkout_Orders";

        Assert.Equal([
            "SLO Checkout_Orders: metadata.name: must be an RFC 1123 label",
            "SLO Checkout_Orders: spec.objectives[0]: exactly one of target and targetPercent",
            "SLO Checkout_Orders: spec.alertPolicies[0].spec.notificationTargets: must hold at least one target",
        ], OpenSloRules.Check(slo));
    }

    [Fact]
    public void AnExportTranslatesBackToTheSameSlisAndSlos()
    {
        var yaml = YamlExporter.Write(Export());
        var errors = new ValidationErrors();
        var warnings = new List<string>();

        var documents = OpenSloTranslator.Translate(YamlDocumentReader.Read([new ApplyFile("export.yaml", yaml)], errors), warnings, errors);

        Assert.Empty(errors.All);
        Assert.Empty(warnings);
        var sliKind = new SliConfigKind(null!, null!, TimeProvider.System, null!);
        var sloKind = new SloConfigKind(null!, null!, TimeProvider.System);
        void Fail(string path, string message) => errors.Add(path, message);
        var slis = documents.Where(d => d.Kind == "SLI").Select(d => sliKind.ToDocument(sliKind.Parse(d, Fail)!).ToJsonString());
        var slos = documents.Where(d => d.Kind == "SLO").Select(d => sloKind.ToDocument(sloKind.Parse(d, Fail)!).ToJsonString());
        Assert.Empty(errors.All);
        Assert.Equal(Slis.Select(s => s.ToDocument().ToJsonString()), slis);
        Assert.Equal(Slos.Select(s => s.ToDocument().ToJsonString()), slos);
    }

    [Fact]
    public void CountersGoOutBareAndThresholdsAsBurnRates()
    {
        var yaml = YamlExporter.Write(Export());

        Assert.Contains("""
              ratioMetric:
                counter: true
                good:
                  metricSource:
                    metricSourceRef: prometheus-9090
                    type: Prometheus
                    spec:
                      query: searches_total{code!~"5.."}
            """, yaml);
        // 2% of a 30-day budget in an hour is a burn rate of 14.4; 0.5% of a (nominal 30-day) month
        // in 90 minutes is 2.4; 10% of 28 days in 3 days is 0.933333, so the exact share goes beside it.
        Assert.Contains("threshold: 14.4\n", yaml);
        Assert.Contains("threshold: 2.4\n", yaml);
        Assert.Matches("unyo.dev/budget-consumed: ['\"]10['\"]\n", yaml);
        Assert.Contains("threshold: 0.933333\n", yaml);
        Assert.Contains("name: ticket-90m-10m-2\n", yaml);
    }
}
