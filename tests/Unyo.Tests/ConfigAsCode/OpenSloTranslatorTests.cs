using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Tests.ConfigAsCode;

public sealed class OpenSloTranslatorTests
{
    private static (List<ConfigDocument> Documents, List<string> Warnings, Dictionary<string, string[]> Errors) Translate(string yaml, string file = "slo.yaml")
    {
        var errors = new ValidationErrors();
        var warnings = new List<string>();
        var documents = OpenSloTranslator.Translate(YamlDocumentReader.Read([new ApplyFile(file, yaml)], errors), warnings, errors);
        return (documents, warnings, errors.ToDictionary());
    }

    private static JsonObject Spec(List<ConfigDocument> documents, string kind, string name) =>
        documents.Single(d => d.Kind == kind && d.Name == name).Spec;

    [Fact]
    public void AnSloWithAnInlineBadTotalSliAndBurnRatePoliciesBecomesAUnyoSliAndSlo()
    {
        var (documents, warnings, errors) = Translate(OpenSloFiles.Checkout);

        Assert.Empty(errors);
        Assert.Equal(["SLI checkout-errors", "SLO checkout-availability"], documents.Select(d => $"{d.Kind} {d.Name}"));
        Assert.All(documents, d => Assert.Equal("unyo.dev/v1", d.ApiVersion));
        var sli = Spec(documents, "SLI", "checkout-errors");
        Assert.Equal("checkout", sli["service"]!.GetValue<string>());
        Assert.Equal("prometheus", sli["source"]!.GetValue<string>());
        Assert.Equal("http://prometheus.internal:9090", sli["prometheus"]!["url"]!.GetValue<string>());
        Assert.Equal("sum(increase(http_requests_total{job=\"checkout\"}[{{window}}]))", sli["prometheus"]!["total"]!.GetValue<string>());
        Assert.Equal("(sum(increase(http_requests_total{job=\"checkout\"}[{{window}}]))) - (sum(increase(http_requests_total{job=\"checkout\",code=~\"5..\"}[{{window}}])))",
            sli["prometheus"]!["good"]!.GetValue<string>());
        var slo = Spec(documents, "SLO", "checkout-availability");
        Assert.Equal(("checkout", "checkout-errors", "Checkout availability", "Buyers can pay."),
            (slo["service"]!.GetValue<string>(), slo["sli"]!.GetValue<string>(), slo["displayName"]!.GetValue<string>(), slo["description"]!.GetValue<string>()));
        Assert.Equal((99.9m, "28d", "occurrences"), (slo["objective"]!.GetValue<decimal>(), slo["window"]!.GetValue<string>(), slo["budgeting"]!.GetValue<string>()));
        // 13.44 × 1 h / 28 d = 2% of the budget; 1 × 3 d / 28 d = 10.714286%, with the Workbook's
        // short window (a twelfth) where alertAfter is not given.
        Assert.Equal("""[{"severity":"page","longWindow":"1h","shortWindow":"5m","budgetConsumed":2},{"severity":"ticket","longWindow":"3d","shortWindow":"6h","budgetConsumed":10.714286}]""",
            slo["alertRules"]!.ToJsonString());
        Assert.Equal(["slo.yaml (document 4): notification target 'payments-pager' ignored: Unyo routes burn-rate alerts by the SLO's service (alert routes and on-call)."], warnings);
    }

    [Fact]
    public void EachObjectiveOfAnSloBecomesAnSloOnTheSharedSli()
    {
        var (documents, warnings, errors) = Translate(OpenSloFiles.Search);

        Assert.Empty(errors);
        Assert.Empty(warnings);
        Assert.Equal(["SLO search-internal-goal", "SLO search-sla", "SLI search-success"], documents.Select(d => $"{d.Kind} {d.Name}"));
        var sli = Spec(documents, "SLI", "search-success");
        Assert.Equal(("search", "http://thanos-query:10902", "1 - (avg_over_time(search:success_ratio:rate1m[{{window}}]))", "Share of searches answered without error."),
            (sli["service"]!.GetValue<string>(), sli["prometheus"]!["url"]!.GetValue<string>(), sli["prometheus"]!["errorRatio"]!.GetValue<string>(), sli["description"]!.GetValue<string>()));
        var goal = Spec(documents, "SLO", "search-internal-goal");
        var sla = Spec(documents, "SLO", "search-sla");
        Assert.Equal("""{"service":"search","sli":"search-success","displayName":"Search: Internal goal","objective":99.5,"calendar":"month","timeZone":"Europe/Berlin","budgeting":"timeslices","timeSliceTarget":95,"timeSliceWindow":"5m"}""",
            goal.ToJsonString());
        Assert.Equal((99m, 90m, "10m", "Search: SLA"), (sla["objective"]!.GetValue<decimal>(), sla["timeSliceTarget"]!.GetValue<decimal>(), sla["timeSliceWindow"]!.GetValue<string>(), sla["displayName"]!.GetValue<string>()));
    }

    [Fact]
    public void MetricSourceTypeUnyoReadsOtlpHistogramsForLatency()
    {
        var (documents, _, errors) = Translate(OpenSloFiles.Latency);

        Assert.Empty(errors);
        Assert.Equal("""{"service":"checkout","source":"otlp","kind":"latency","latencyThresholdMs":300,"otlp":{"histogram":{"metric":"http.server.request.duration","attributes":{"service.name":"checkout"}}}}""",
            Spec(documents, "SLI", "checkout-fast").ToJsonString());
        Assert.Equal("7d", Spec(documents, "SLO", "checkout-latency")["window"]!.GetValue<string>());
    }

    [Fact]
    public void MetricSourceTypeUnyoReadsASyntheticChecksResults()
    {
        var yaml = OpenSloFiles.Latency.Replace("\n", "\n|", StringComparison.Ordinal);
        yaml = System.Text.RegularExpressions.Regex.Replace(yaml, @"source: otlp\n\|(\s+)metric: .*\n\|\s+attributes: .*", "source: check\n|$1check: checkout-home").Replace("\n|", "\n", StringComparison.Ordinal);
        var (documents, _, errors) = Translate(yaml);
        var (_, _, mixed) = Translate(ReplaceLast(yaml, "check: checkout-home", "check: other"));

        Assert.Empty(errors);
        Assert.Equal("""{"service":"checkout","source":"check","kind":"latency","latencyThresholdMs":300,"check":"checkout-home"}""", Spec(documents, "SLI", "checkout-fast").ToJsonString());
        Assert.Contains("differs from good's 'checkout-home'", Assert.Single(mixed).Value[0]);
    }

    private static string ReplaceLast(string text, string find, string replace)
    {
        var at = text.LastIndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    [Fact]
    public void ErrorsFoundOnTheUnyoFormPointIntoTheOpenSloDocument()
    {
        var (documents, _, _) = Translate(OpenSloFiles.Checkout, "checkout.yaml");
        var slo = documents.Single(d => d.Kind == "SLO");

        Assert.Equal("checkout.yaml (document 5, line 53): spec.service", slo.Locate("spec.service"));
        Assert.Equal("checkout.yaml (document 5, line 77): spec.objectives[0].target", slo.Locate("spec.objective"));
        Assert.Equal("checkout.yaml (document 2, line 21): spec.condition.lookbackWindow", slo.Locate("spec.alertRules[0].longWindow"));
        Assert.Equal("checkout.yaml (document 5, line 96): spec.alertPolicies[1].spec.conditions[0].spec.condition.threshold", slo.Locate("spec.alertRules[1].budgetConsumed"));
    }

    [Theory]
    [InlineData("budgetingMethod: Occurrences", "budgetingMethod: RatioTimeslices", "spec.budgetingMethod", "RatioTimeslices is not supported")]
    [InlineData("duration: 4w", "duration: 1M", "spec.timeWindow[0].duration", "'1M' does not fit: Unyo's rolling windows are whole days or weeks")]
    [InlineData("target: 0.999", "target: 99.9", "spec.objectives[0].target", "99.9 must be above 0 and below 1")]
    [InlineData("target: 0.999", "target: 0.999\n      indicatorRef: other", "spec.objectives[0].indicatorRef", "composite SLOs")]
    [InlineData("severity: ticket", "severity: sev9", "spec.alertPolicies[1].spec.conditions[0].spec.severity", "'sev9' is not a severity Unyo knows")]
    [InlineData("op: gte", "op: lt", "spec.alertPolicies[1].spec.conditions[0].spec.condition.op", "'lt' does not fit")]
    [InlineData("threshold: 1\n", "threshold: 20\n", "spec.alertPolicies[1].spec.conditions[0].spec.condition.threshold", "spends 214.285714% of the budget of a 28d window")]
    [InlineData("      spec:\n        alertWhenBreaching: true", "      spec:\n        alertWhenBreaching: false", "spec.alertPolicies[1].spec.alertWhenBreaching", "false is not supported")]
    public void WhatUnyoCannotDoIsRefusedNamingTheDocumentAndField(string find, string replace, string field, string message)
    {
        var yaml = OpenSloFiles.Checkout.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(OpenSloFiles.Checkout, yaml);

        var (_, _, errors) = Translate(yaml);

        var (key, messages) = Assert.Single(errors);
        Assert.StartsWith("slo.yaml (document 5, line ", key);
        Assert.EndsWith($"): {field}", key);
        Assert.Contains(message, Assert.Single(messages));
    }

    private const string IndicatorSlo = """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: shop
        spec:
          service: shop
          indicator:
            metadata: {name: shop-requests}
            spec:
              RATIO
          timeWindow: [{duration: 28d, isRolling: true}]
          budgetingMethod: Occurrences
          objectives: [{target: 0.99}]
        """;

    private const string Good = "good: {metricSource: {type: Prometheus, spec: {url: 'http://p:9090', query: 'sum(increase(ok[{{window}}]))'}}}";
    private const string Total = "total: {metricSource: {type: Prometheus, spec: {url: 'http://p:9090', query: 'sum(increase(all[{{window}}]))'}}}";

    [Theory]
    [InlineData("ratioMetric: {good: {metricSource: {type: Datadog, spec: {query: a}}}, total: {metricSource: {type: Datadog, spec: {query: b}}}}",
        "ratioMetric.good.metricSource.type", "'Datadog' is a source Unyo cannot read")]
    [InlineData("ratioMetric: {" + Good + ", total: {metricSource: {type: CloudWatch, spec: {query: b}}}}",
        "ratioMetric.total.metricSource.type", "'CloudWatch' differs from good's 'Prometheus': a Unyo SLI reads one source.")]
    [InlineData("ratioMetric: {counter: true, good: {metricSource: {type: Prometheus, spec: {url: 'http://p:9090', query: 'sum(rate(ok[5m]))'}}}, " + Total + "}",
        "ratioMetric.good.metricSource.spec.query", "must contain {{window}} where the range goes")]
    [InlineData("ratioMetric: {counter: false, good: {metricSource: {type: Prometheus, spec: {url: 'http://p:9090', query: 'ok_total'}}}, " + Total + "}",
        "ratioMetric.good.metricSource.spec.query", "Only a counter given as a bare selector, with ratioMetric.counter: true")]
    [InlineData("ratioMetric: {good: {metricSource: {type: Prometheus, spec: {query: 'sum(increase(ok[{{window}}]))'}}}, " + Total + "}",
        "ratioMetric.good.metricSource", "needs the Prometheus URL")]
    [InlineData("ratioMetric: {good: {metricSource: {type: Prometheus, spec: {url: 'http://q:9090', query: 'sum(increase(ok[{{window}}]))'}}}, " + Total + "}",
        "ratioMetric.total.metricSource", "reads from http://p:9090, but good from http://q:9090")]
    [InlineData("ratioMetric: {good: {metricSource: {metricSourceRef: nowhere, spec: {query: a}}}, " + Total + "}",
        "ratioMetric.good.metricSource.metricSourceRef", "DataSource 'nowhere' is not in the files")]
    [InlineData("ratioMetric: {" + Good + ", bad: {metricSource: {type: Prometheus, spec: {query: a}}}, " + Total + "}",
        "ratioMetric.bad", "give good or bad, not both.")]
    [InlineData("ratioMetric: {raw: {metricSource: {type: Prometheus, spec: {url: 'http://p:9090', query: 'r[{{window}}]'}}}}",
        "ratioMetric.rawType", "is required with raw")]
    [InlineData("ratioMetric: {good: {metricSource: {type: Unyo, spec: {source: native}}}, bad: {metricSource: {type: Unyo, spec: {source: native}}}, total: {metricSource: {type: Unyo, spec: {source: native}}}}",
        "ratioMetric.bad", "give good or bad, not both.")]
    [InlineData("ratioMetric: {bad: {metricSource: {type: Unyo, spec: {source: native}}}, total: {metricSource: {type: Unyo, spec: {source: native}}}}",
        "ratioMetric.bad.metricSource", "type Unyo counts good and total events: give good and total.")]
    [InlineData("ratioMetric: {good: {metricSource: {type: Unyo, spec: {source: native, metric: up}}}, total: {metricSource: {type: Unyo, spec: {source: native}}}}",
        "ratioMetric.good.metricSource.spec.metric", "applies only to source otlp.")]
    [InlineData("thresholdMetric: {metricSource: {type: Prometheus, spec: {query: latency}}}",
        "thresholdMetric", "is not supported: Unyo SLIs count good and total events")]
    public void SourcesUnyoCannotReadAreRefusedNamingTheField(string ratio, string field, string message)
    {
        var (_, _, errors) = Translate(IndicatorSlo.Replace("RATIO", ratio, StringComparison.Ordinal));

        var (key, messages) = Assert.Single(errors);
        Assert.Equal($"slo.yaml (document 1, line 10): spec.indicator.spec.{field}", key);
        Assert.Contains(message, Assert.Single(messages));
    }

    [Fact]
    public void AReferencedConditionIsBlamedInItsOwnDocument()
    {
        var (_, _, errors) = Translate(OpenSloFiles.Checkout.Replace("op: gt\n", "op: lte\n", StringComparison.Ordinal));

        Assert.Equal(["'lte' does not fit: Unyo alerts when the burn rate is above the threshold (gt or gte)."], errors["slo.yaml (document 2, line 19): spec.condition.op"]);
    }

    [Theory]
    [InlineData("apiVersion: openslo/v1alpha\nkind: SLO\nmetadata:\n  name: a\n", "slo.yaml (document 1, line 1): apiVersion", "'openslo/v1alpha' is not supported")]
    [InlineData("apiVersion: openslo/v1\nkind: Objective\nmetadata:\n  name: a\n", "slo.yaml (document 1, line 2): kind", "'Objective' is not an OpenSLO v1 kind")]
    [InlineData("apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: lonely\nspec:\n  ratioMetric: {}\n", "slo.yaml (document 1, line 4): metadata.name", "no SLO in the files refers to SLI 'lonely'")]
    [InlineData("apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\n  annotations:\n    unyo.dev/displayname: A\nspec: {}\n", "slo.yaml (document 1, line 6): metadata.annotations.unyo.dev/displayname", "is not an annotation Unyo reads")]
    public void DocumentsUnyoCannotReadAreRefused(string yaml, string key, string message)
    {
        var (_, _, errors) = Translate(yaml);

        Assert.Contains(message, Assert.Single(errors[key]));
    }

    [Fact]
    public void CalendarWindowsMustStartWhereUnyosPeriodsStart()
    {
        var (_, _, errors) = Translate(OpenSloFiles.Search.Replace("2025-01-01 00:00:00", "2025-01-15 00:00:00", StringComparison.Ordinal));
        var (_, warnings, none) = Translate(OpenSloFiles.Search.Replace("2025-01-01 00:00:00", "2025-01-01 12:00:00", StringComparison.Ordinal));

        Assert.Contains("does not start a month as Unyo counts them", Assert.Single(errors["slo.yaml (document 2, line 29): spec.timeWindow[0].calendar.startTime"]));
        Assert.Empty(none);
        Assert.Equal(["slo.yaml (document 2): spec.timeWindow[0].calendar.startTime: Unyo starts each month at midnight in the time zone, not at 12:00:00."], warnings);
    }

    [Fact]
    public void DocumentsUnyoDoesNotNeedAreSkippedWithAWarning()
    {
        var (documents, warnings, errors) = Translate("""
            apiVersion: openslo/v1
            kind: Service
            metadata:
              name: checkout
            spec:
              description: Takes payments.
            ---
            apiVersion: openslo/v1
            kind: DataSource
            metadata:
              name: dd
            spec:
              type: Datadog
              connectionDetails:
                - apiKey: secret
            ---
            apiVersion: unyo.dev/v1
            kind: Team
            metadata:
              name: payments
            """);

        Assert.Empty(errors);
        Assert.Equal("Team payments", $"{Assert.Single(documents).Kind} {documents[0].Name}");
        Assert.Equal([
            "slo.yaml (document 1): skipped OpenSLO Service 'checkout': a Unyo service belongs to a team; define it as kind Service (unyo.dev/v1) or a Backstage Component.",
            "slo.yaml (document 2): skipped DataSource 'dd': no SLI in the files reads from it.",
        ], warnings);
    }
}
