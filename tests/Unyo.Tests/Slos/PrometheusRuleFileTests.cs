using Unyo.Features.Catalog;
using Unyo.Features.Slos;
using Unyo.Features.Telemetry;
using YamlDotNet.RepresentationModel;

namespace Unyo.Tests.Slos;

// The rule file of `unyo slo rules`: the windows, the thresholds and the labels, read back as YAML.
// (The integration tests check it with promtool and load it into a real Prometheus.)
public sealed class PrometheusRuleFileTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri Page = new("https://unyo.example/slos/checkout-available");
    private static readonly PrometheusQueries Counts = new("http://prometheus:9090",
        "sum(increase(http_requests_total{code!~\"5..\"}[{{window}}]))", "sum(increase(http_requests_total[{{window}}]))", null);

    private static Slo Slo(double objective = 99.9, List<BurnRateRuleValue>? rules = null, CalendarPeriod? calendar = null) => new()
    {
        Name = "checkout-available",
        DisplayName = "Checkout is available",
        ObjectivePercent = objective,
        RollingDays = calendar is null ? 30 : null,
        CalendarPeriod = calendar,
        Service = new Service { Name = "checkout", DisplayName = "Checkout", RunbookUrl = "https://runbooks.example/checkout" },
        Sli = new Sli { Name = "checkout-requests", Source = SliSource.Prometheus },
        AlertRules = rules ?? [],
    };

    private static List<YamlMappingNode> Rules(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var groups = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["groups"];
        var group = (YamlMappingNode)groups[0];
        Assert.Equal("unyo-slo-checkout-available", group["name"].ToString());
        return [.. ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>()];
    }

    private static string Field(YamlMappingNode node, string key) => node.Children.TryGetValue(key, out var value) ? value.ToString() : "";

    [Fact]
    public void EveryStatusWindowIsRecordedFromTheSliQueries()
    {
        var rules = Rules(PrometheusRuleFile.Write(Slo(), Counts, Page, At));
        var records = rules.Where(r => Field(r, "record") != "").ToList();

        Assert.Equal(["5m", "30m", "1h", "2h", "6h", "1d", "3d"], records.Select(r => Field(r, "record").Replace(PrometheusRuleFile.RecordPrefix, "")));
        Assert.Equal("1 - ((sum(sum(increase(http_requests_total{code!~\"5..\"}[1h]))) or vector(0)) / sum(sum(increase(http_requests_total[1h]))))",
            Field(records[2], "expr"));
        Assert.Equal("checkout-available", ((YamlMappingNode)records[0]["labels"])["unyo_slo"].ToString());
    }

    [Fact]
    public void TheWorkbookRulesBecomeAlertsWithThresholdsOfBurnRateTimesBudget()
    {
        var alerts = Rules(PrometheusRuleFile.Write(Slo(), Counts, Page, At)).Where(r => Field(r, "alert") != "").ToList();

        Assert.Equal(4, alerts.Count);
        Assert.Equal(
            "(unyo_slo:sli_error:ratio_rate1h{unyo_slo=\"checkout-available\"} > (14.4 * 0.001)) and (unyo_slo:sli_error:ratio_rate5m{unyo_slo=\"checkout-available\"} > (14.4 * 0.001))",
            Field(alerts[0], "expr"));
        Assert.Equal(["(6 * 0.001)", "(3 * 0.001)", "(1 * 0.001)"], alerts.Skip(1).Select(a => Field(a, "expr")[(Field(a, "expr").IndexOf('>') + 2)..Field(a, "expr").IndexOf(')')] + ")"));
        Assert.Equal(["page", "page", "ticket", "ticket"], alerts.Select(a => ((YamlMappingNode)a["labels"])["severity"].ToString()));
        var annotations = (YamlMappingNode)alerts[0]["annotations"];
        Assert.Equal("https://unyo.example/slos/checkout-available", annotations["unyo_url"].ToString());
        Assert.Equal("https://runbooks.example/checkout", annotations["runbook_url"].ToString());
        Assert.Equal("Checkout is available: page burn, 2% of the error budget in 1h", annotations["summary"].ToString());
        Assert.Contains("{{ $value | humanizePercentage }}", annotations["description"].ToString());
    }

    [Fact]
    public void OverriddenRulesAreTheOnesExportedAndTheirWindowsRecorded()
    {
        var slo = Slo(99.5, [new BurnRateRuleValue { Severity = BurnSeverity.Ticket, LongWindowMinutes = 12 * 60, ShortWindowMinutes = 45, BudgetConsumedPercent = 10 }]);

        var rules = Rules(PrometheusRuleFile.Write(slo, Counts, Page, At));
        var alert = Assert.Single(rules, r => Field(r, "alert") != "");

        // 10% of a 30-day budget in 12 h: burn rate 6; budget 0.005.
        Assert.Contains("ratio_rate12h{unyo_slo=\"checkout-available\"} > (6 * 0.005)", Field(alert, "expr"));
        Assert.Contains("ratio_rate45m{unyo_slo=\"checkout-available\"} > (6 * 0.005)", Field(alert, "expr"));
        Assert.Contains(rules, r => Field(r, "record") == PrometheusRuleFile.RecordPrefix + "45m");
        Assert.Contains(rules, r => Field(r, "record") == PrometheusRuleFile.RecordPrefix + "12h");
    }

    [Fact]
    public void AnErrorRatioQueryIsRecordedAsItIs()
    {
        var ratio = new PrometheusQueries("http://prometheus:9090", null, null, "avg_over_time(probe_failed[{{window}}])");

        var rules = Rules(PrometheusRuleFile.Write(Slo(), ratio, Page, At));

        Assert.Equal("sum(avg_over_time(probe_failed[30m]))", Field(rules[1], "expr"));
    }

    [Fact]
    public void CalendarWindowsSizeThresholdsForTheCurrentPeriodAndSaySo()
    {
        // March has 31 days: 2% of its budget in 1 h is a burn rate of 0.02 x 744 = 14.88.
        var yaml = PrometheusRuleFile.Write(Slo(calendar: CalendarPeriod.Month), Counts, Page, At);

        Assert.Contains("(14.88 * 0.001)", yaml);
        Assert.Contains("# Calendar window: burn rates are sized for the current period (31 days)", yaml);
        Assert.StartsWith("# Prometheus rules for Unyo SLO checkout-available (service checkout), generated 2026-03-02T12:00Z.", yaml);
    }
}
