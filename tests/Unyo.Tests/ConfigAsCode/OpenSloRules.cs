using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Unyo.Tests.ConfigAsCode;

// The rules an OpenSLO v1 document must keep, as OpenSLO's Go SDK validates them (required fields,
// exclusive alternatives, names, lengths, durations, enumerations) and as the published JSON schema
// adds (an AlertPolicy states alertWhenNoData, alertWhenResolved and alertWhenBreaching). The
// schema itself is not used: its parts are incomplete (it refers to files it does not publish).
public static partial class OpenSloRules
{
    private static readonly string[] Kinds = ["SLO", "SLI", "DataSource", "Service", "AlertPolicy", "AlertCondition", "AlertNotificationTarget"];

    public static List<string> Check(JsonObject document)
    {
        var problems = new List<string>();
        void Problem(string path, string message) => problems.Add($"{document["kind"]} {document["metadata"]?["name"]}: {path}: {message}");
        if (Text(document["apiVersion"]) != "openslo/v1")
        {
            Problem("apiVersion", "must be openslo/v1");
        }
        var kind = Text(document["kind"]);
        if (kind is null || !Kinds.Contains(kind))
        {
            Problem("kind", "must be an OpenSLO kind");
        }
        Metadata(document["metadata"], "metadata", Problem);
        if (document["spec"] is not JsonObject spec)
        {
            Problem("spec", "is required");
            return problems;
        }
        switch (kind)
        {
            case "SLO": Slo(spec, "spec", Problem); break;
            case "SLI": Sli(spec, "spec", Problem); break;
            case "DataSource":
                Required(spec, "spec", Problem, "type", "connectionDetails");
                break;
            case "AlertNotificationTarget": Required(spec, "spec", Problem, "target"); break;
            case "AlertPolicy": AlertPolicy(spec, "spec", Problem); break;
            case "AlertCondition": AlertCondition(spec, "spec", Problem); break;
        }
        Description(spec, "spec", Problem);
        return problems;
    }

    private static void Metadata(JsonNode? node, string path, Action<string, string> problem)
    {
        if (node is not JsonObject metadata)
        {
            problem(path, "is required");
            return;
        }
        if (Text(metadata["name"]) is not { } name || !DnsLabel().IsMatch(name))
        {
            problem($"{path}.name", "must be an RFC 1123 label");
        }
        if (metadata["displayName"] is { } displayName && (Text(displayName) is not { } text || text.Length > 63))
        {
            problem($"{path}.displayName", "must be text of at most 63 characters");
        }
        if (metadata["annotations"] is { } annotations)
        {
            foreach (var (key, value) in annotations as JsonObject ?? [])
            {
                if (!AnnotationKey().IsMatch(key) || Text(value) is null)
                {
                    problem($"{path}.annotations.{key}", "must be a qualified key with a text value");
                }
            }
        }
    }

    private static void Slo(JsonObject spec, string path, Action<string, string> problem)
    {
        Required(spec, path, problem, "service", "budgetingMethod", "objectives");
        if ((spec["indicator"] is null) == (spec["indicatorRef"] is null))
        {
            problem(path, "exactly one of indicator and indicatorRef");
        }
        if (Text(spec["indicatorRef"]) is { } reference && !DnsLabel().IsMatch(reference))
        {
            problem($"{path}.indicatorRef", "must be an RFC 1123 label");
        }
        if (spec["indicator"] is JsonObject indicator)
        {
            Metadata(indicator["metadata"], $"{path}.indicator.metadata", problem);
            Sli(indicator["spec"] as JsonObject ?? [], $"{path}.indicator.spec", problem);
        }
        var method = Text(spec["budgetingMethod"]);
        if (method is not ("Occurrences" or "Timeslices" or "RatioTimeslices"))
        {
            problem($"{path}.budgetingMethod", "must be Occurrences, Timeslices or RatioTimeslices");
        }
        if (spec["timeWindow"] is { } windows)
        {
            if (windows is not JsonArray { Count: 1 } || windows[0] is not JsonObject window)
            {
                problem($"{path}.timeWindow", "must hold exactly one window");
            }
            else
            {
                TimeWindow(window, $"{path}.timeWindow[0]", problem);
            }
        }
        var objectives = spec["objectives"] as JsonArray ?? [];
        for (var i = 0; i < objectives.Count; i++)
        {
            Objective(objectives[i] as JsonObject ?? [], $"{path}.objectives[{i}]", method, problem);
        }
        var policies = spec["alertPolicies"] as JsonArray ?? [];
        for (var i = 0; i < policies.Count; i++)
        {
            var at = $"{path}.alertPolicies[{i}]";
            if (policies[i] is not JsonObject policy || (policy["alertPolicyRef"] is null) == (policy["spec"] is null))
            {
                problem(at, "exactly one of alertPolicyRef and an inline policy");
                continue;
            }
            if (policy["spec"] is JsonObject inline)
            {
                Inline(policy, "AlertPolicy", at, problem);
                AlertPolicy(inline, $"{at}.spec", problem);
            }
        }
    }

    private static void TimeWindow(JsonObject window, string path, Action<string, string> problem)
    {
        Duration(window["duration"], $"{path}.duration", required: true, problem);
        var rolling = window["isRolling"]?.GetValueKind() == JsonValueKind.True;
        if (rolling == window["calendar"] is JsonObject)
        {
            problem(path, "calendar must be set exactly when isRolling is false");
        }
        if (window["calendar"] is JsonObject calendar)
        {
            if (!DateTime.TryParseExact(Text(calendar["startTime"]), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problem($"{path}.calendar.startTime", "must be a date time like 2006-01-02 15:04:05");
            }
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(Text(calendar["timeZone"]) ?? "", out _))
            {
                problem($"{path}.calendar.timeZone", "must be a time zone");
            }
        }
    }

    private static void Objective(JsonObject objective, string path, string? method, Action<string, string> problem)
    {
        if ((objective["target"] is null) == (objective["targetPercent"] is null))
        {
            problem(path, "exactly one of target and targetPercent");
        }
        if (objective["target"] is { } target && Number(target) is not (>= 0 and < 1))
        {
            problem($"{path}.target", "must be in [0, 1)");
        }
        if (objective["targetPercent"] is { } percent && Number(percent) is not (>= 0 and < 100))
        {
            problem($"{path}.targetPercent", "must be in [0, 100)");
        }
        if (method == "Timeslices" && Number(objective["timeSliceTarget"]) is not (> 0 and <= 1))
        {
            problem($"{path}.timeSliceTarget", "is required with Timeslices, in (0, 1]");
        }
        Duration(objective["timeSliceWindow"], $"{path}.timeSliceWindow", required: method is "Timeslices" or "RatioTimeslices", problem);
    }

    private static void Sli(JsonObject spec, string path, Action<string, string> problem)
    {
        if ((spec["thresholdMetric"] is null) == (spec["ratioMetric"] is null))
        {
            problem(path, "exactly one of thresholdMetric and ratioMetric");
        }
        Description(spec, path, problem);
        if (spec["ratioMetric"] is not JsonObject ratio)
        {
            return;
        }
        var at = $"{path}.ratioMetric";
        if (ratio["counter"]?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            problem($"{at}.counter", "is required (true or false)");
        }
        if ((ratio["total"] is null) == (ratio["raw"] is null))
        {
            problem(at, "exactly one of total and raw");
        }
        if (new[] { "raw", "good", "bad" }.Count(k => ratio[k] is not null) > 1)
        {
            problem(at, "at most one of raw, good and bad");
        }
        if (ratio["total"] is not null && (ratio["good"] is null) == (ratio["bad"] is null))
        {
            problem(at, "exactly one of good and bad with total");
        }
        if (ratio["raw"] is not null && Text(ratio["rawType"]) is not ("success" or "failure"))
        {
            problem($"{at}.rawType", "must be success or failure");
        }
        foreach (var part in new[] { "good", "bad", "total", "raw" }.Where(p => ratio[p] is not null))
        {
            if (ratio[part]?["metricSource"] is not JsonObject source || source["spec"] is not JsonObject { Count: > 0 })
            {
                problem($"{at}.{part}.metricSource.spec", "is required and not empty");
            }
            else if (Text(source["metricSourceRef"]) is { } reference && !DnsLabel().IsMatch(reference))
            {
                problem($"{at}.{part}.metricSource.metricSourceRef", "must be an RFC 1123 label");
            }
        }
    }

    private static void AlertPolicy(JsonObject spec, string path, Action<string, string> problem)
    {
        foreach (var flag in new[] { "alertWhenNoData", "alertWhenResolved", "alertWhenBreaching" })
        {
            if (spec[flag]?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                problem($"{path}.{flag}", "is required by the schema (true or false)");
            }
        }
        if (spec["conditions"] is not JsonArray { Count: 1 } conditions || conditions[0] is not JsonObject condition)
        {
            problem($"{path}.conditions", "must hold exactly one condition");
        }
        else if ((condition["conditionRef"] is null) == (condition["spec"] is null))
        {
            problem($"{path}.conditions[0]", "exactly one of conditionRef and an inline condition");
        }
        else if (condition["spec"] is JsonObject inline)
        {
            Inline(condition, "AlertCondition", $"{path}.conditions[0]", problem);
            AlertCondition(inline, $"{path}.conditions[0].spec", problem);
        }
        if (spec["notificationTargets"] is not JsonArray { Count: > 0 } targets)
        {
            problem($"{path}.notificationTargets", "must hold at least one target");
            return;
        }
        foreach (var target in targets.OfType<JsonObject>().Where(t => Text(t["targetRef"]) is not { } name || !DnsLabel().IsMatch(name)))
        {
            problem($"{path}.notificationTargets", "targetRef must be an RFC 1123 label");
        }
    }

    private static void AlertCondition(JsonObject spec, string path, Action<string, string> problem)
    {
        Required(spec, path, problem, "severity", "condition");
        Description(spec, path, problem);
        if (spec["condition"] is not JsonObject condition)
        {
            return;
        }
        if (Text(condition["kind"]) != "burnrate")
        {
            problem($"{path}.condition.kind", "must be burnrate");
        }
        if (Text(condition["op"]) is not ("gt" or "lt" or "gte" or "lte"))
        {
            problem($"{path}.condition.op", "is required: gt, lt, gte or lte");
        }
        if (Number(condition["threshold"]) is null)
        {
            problem($"{path}.condition.threshold", "is required");
        }
        Duration(condition["lookbackWindow"], $"{path}.condition.lookbackWindow", required: true, problem);
        Duration(condition["alertAfter"], $"{path}.condition.alertAfter", required: false, problem);
    }

    private static void Inline(JsonObject inline, string kind, string path, Action<string, string> problem)
    {
        if (Text(inline["kind"]) != kind)
        {
            problem($"{path}.kind", $"must be {kind}");
        }
        Metadata(inline["metadata"], $"{path}.metadata", problem);
    }

    private static void Required(JsonObject spec, string path, Action<string, string> problem, params string[] keys)
    {
        foreach (var key in keys.Where(k => spec[k] is null))
        {
            problem($"{path}.{key}", "is required");
        }
    }

    private static void Description(JsonObject spec, string path, Action<string, string> problem)
    {
        if (spec["description"] is { } description && (Text(description) is not { } text || text.Length > 1050))
        {
            problem($"{path}.description", "must be text of at most 1050 characters");
        }
    }

    private static void Duration(JsonNode? node, string path, bool required, Action<string, string> problem)
    {
        if (node is null ? required : Text(node) is not { } text || !DurationShorthand().IsMatch(text))
        {
            problem(path, "must be a duration shorthand such as 5m or 1M");
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*/)?[a-zA-Z0-9]([-._a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$")]
    private static partial Regex AnnotationKey();

    [GeneratedRegex("^[0-9]+[mhdwMQY]$")]
    private static partial Regex DurationShorthand();
}
