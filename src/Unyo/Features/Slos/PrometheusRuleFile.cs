using System.Globalization;
using System.Text;
using Unyo.Features.Telemetry;
using YamlDotNet.Serialization;

namespace Unyo.Features.Slos;

// `unyo slo rules`: an SLO whose SLI reads from Prometheus, as a Prometheus rule file, so a team
// can also alert from its own Prometheus. Recording rules keep the SLI's error ratio over every
// window the status reports and the alert rules use; one alert rule per burn-rate rule of the
// SLO fires when both its windows burn faster than the rule's threshold, as Unyo's own does.
public static class PrometheusRuleFile
{
    public const string RecordPrefix = "unyo_slo:sli_error:ratio_rate";
    public const string AlertName = "UnyoErrorBudgetBurn";

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .WithIndentedSequences()
        .DisableAliases()
        .Build();

    // slo: with its Service and Sli loaded. page: the SLO's page, linked from every alert.
    public static string Write(Slo slo, PrometheusQueries queries, Uri page, DateTimeOffset at)
    {
        var definition = slo.ToDefinition();
        var length = definition.Window.LengthAt(at);
        var objective = SloSpec.Percent(slo.ObjectivePercent);
        var budget = (100 - objective) / 100;
        var windows = Windows.BurnRateWindows.Concat(definition.Rules.SelectMany(r => new[] { r.LongWindow, r.ShortWindow })).Distinct().Order().ToList();
        var labels = new Dictionary<string, string> { ["unyo_slo"] = slo.Name, ["unyo_service"] = slo.Service!.Name };

        var rules = new List<Dictionary<string, object>>();
        foreach (var window in windows)
        {
            rules.Add(new()
            {
                ["record"] = Record(window),
                ["expr"] = ErrorRatio(queries, Windows.Format(window)),
                ["labels"] = labels,
            });
        }
        foreach (var rule in definition.Rules)
        {
            var threshold = $"({Number(rule.Threshold(length))} * {budget.ToString(CultureInfo.InvariantCulture)})";
            var annotations = new Dictionary<string, string>
            {
                ["summary"] = $"{slo.DisplayName}: {rule.Severity.ToString().ToLowerInvariant()} burn, {rule.BudgetConsumed * 100:0.##}% of the error budget in {Windows.Format(rule.LongWindow)}",
                ["description"] = $"SLO {slo.Name} of service {slo.Service.Name} ({objective.ToString(CultureInfo.InvariantCulture)}% over {definition.Window.Describe()}) is spending {rule.Describe(length)}. "
                    + $"Error ratio over {Windows.Format(rule.LongWindow)}: {{{{ $value | humanizePercentage }}}}.",
                ["unyo_url"] = page.ToString(),
            };
            if (slo.Service.RunbookUrl is { } runbook)
            {
                annotations["runbook_url"] = runbook;
            }
            rules.Add(new()
            {
                ["alert"] = AlertName,
                ["expr"] = $"({Series(rule.LongWindow, slo.Name)} > {threshold}) and ({Series(rule.ShortWindow, slo.Name)} > {threshold})",
                ["labels"] = new Dictionary<string, string>(labels)
                {
                    ["severity"] = rule.Severity.ToString().ToLowerInvariant(),
                    ["long_window"] = Windows.Format(rule.LongWindow),
                    ["short_window"] = Windows.Format(rule.ShortWindow),
                },
                ["annotations"] = annotations,
            });
        }
        var document = new Dictionary<string, object>
        {
            ["groups"] = new[] { new Dictionary<string, object> { ["name"] = $"unyo-slo-{slo.Name}", ["rules"] = rules } },
        };
        return Header(slo, queries, definition, length, objective, budget, at) + Serializer.Serialize(document);
    }

    public static string Record(TimeSpan window) => RecordPrefix + Windows.Format(window);

    // The share of bad events over the window. A good query that matches nothing while the total
    // has events means nothing was good (a total outage), not no data: hence `or vector(0)`.
    // sum() makes both sides one label-less series, as the source itself requires one series.
    public static string ErrorRatio(PrometheusQueries queries, string window)
    {
        string Expand(string query) => query.Replace(PrometheusQueries.WindowPlaceholder, window, StringComparison.Ordinal);
        return queries.ErrorRatio is { } ratio
            ? $"sum({Expand(ratio)})"
            : $"1 - ((sum({Expand(queries.Good!)}) or vector(0)) / sum({Expand(queries.Total!)}))";
    }

    private static string Series(TimeSpan window, string slo) => $"{Record(window)}{{unyo_slo=\"{slo}\"}}";

    private static string Number(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    private static string Header(Slo slo, PrometheusQueries queries, SloDefinition definition, TimeSpan length, decimal objective, decimal budget, DateTimeOffset at)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Prometheus rules for Unyo SLO {slo.Name} (service {slo.Service!.Name}), generated {at.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'}.\n")
            .Append(CultureInfo.InvariantCulture, $"# SLI {slo.Sli!.Name}, read from {queries.Url}. Objective {objective}% over {definition.Window.Describe()}: error budget {budget}.\n")
            .Append("# Thresholds are burn rate x error budget; both windows of a rule must exceed it.\n");
        if (definition.Window.Rolling is null)
        {
            text.Append(CultureInfo.InvariantCulture, $"# Calendar window: burn rates are sized for the current period ({length.TotalDays:0} days); regenerate when it changes length.\n");
        }
        if (definition.Budgeting == BudgetingMethod.Timeslices)
        {
            text.Append("# This SLO budgets by time slices; these rules alert on the event error ratio, which Prometheus can compute.\n");
        }
        return text.Append("# Load it with rule_files in prometheus.yml; check it with `promtool check rules FILE`;\n")
            .Append(CultureInfo.InvariantCulture, $"# regenerate after changing the SLO or its SLI: unyo slo rules {slo.Name}\n")
            .ToString();
    }
}
