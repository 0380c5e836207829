using System.Globalization;
using System.Text.Json.Nodes;

namespace Unyo.Features.ConfigAsCode;

// Writes Unyo's SLIs and SLOs (their canonical documents) as OpenSLO v1: a DataSource per
// Prometheus URL, an SLI per SLI, an SLO per SLO referring to its SLI, and an inline AlertPolicy
// with one burn-rate AlertCondition per alert rule. What OpenSLO has no field for goes in unyo.dev/
// annotations, so that `unyo apply` reads the export back to an empty plan.
public static class OpenSloExporter
{
    public static List<JsonObject> Export(IReadOnlyList<JsonObject> slis, IReadOnlyList<JsonObject> slos)
    {
        var dataSources = DataSourceNames(slis.Select(s => s["spec"]?["prometheus"]?["url"]?.ToString()).OfType<string>());
        var documents = new List<JsonObject>();
        documents.AddRange(dataSources.OrderBy(d => d.Value, StringComparer.Ordinal).Select(d => Document("DataSource", new JsonObject { ["name"] = d.Value },
            new JsonObject { ["type"] = "Prometheus", ["connectionDetails"] = new JsonObject { ["url"] = d.Key } })));
        if (slos.Any(s => s["spec"]?["alertRules"] is JsonArray { Count: > 0 }))
        {
            documents.Add(Document("AlertNotificationTarget", new JsonObject { ["name"] = OpenSlo.UnyoTarget }, new JsonObject
            {
                ["description"] = "Unyo routes burn-rate alerts by the SLO's service: alert routes and on-call.",
                ["target"] = OpenSlo.UnyoTarget,
            }));
        }
        documents.AddRange(slis.Select(s => OpenSloSliExport.Sli(s, dataSources)));
        documents.AddRange(slos.Select(Slo));
        return documents;
    }

    public static JsonObject Document(string kind, JsonObject metadata, JsonObject spec) => new()
    {
        ["apiVersion"] = OpenSlo.ApiVersion,
        ["kind"] = kind,
        ["metadata"] = metadata,
        ["spec"] = spec,
    };

    // Metadata with an annotations map only when there is something in it.
    public static JsonObject Metadata(string name, string? displayName, JsonObject annotations)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (displayName is not null && displayName != name)
        {
            if (displayName.Length <= OpenSlo.MaxDisplayName)
            {
                metadata["displayName"] = displayName;
            }
            else
            {
                annotations[OpenSlo.DisplayNameAnnotation] = displayName;
            }
        }
        if (annotations.Count > 0)
        {
            metadata["annotations"] = annotations;
        }
        return metadata;
    }

    // OpenSLO descriptions stop at 1050 characters; Unyo's longer ones travel as an annotation.
    public static void Describe(JsonObject spec, JsonObject annotations, string? description)
    {
        if (description is { Length: > OpenSlo.MaxDescription })
        {
            annotations[OpenSlo.DescriptionAnnotation] = description;
        }
        else if (description is not null)
        {
            spec["description"] = description;
        }
    }

    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static decimal Number(JsonNode? node) => decimal.Parse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static JsonObject Slo(JsonObject unyo)
    {
        var spec = (JsonObject)unyo["spec"]!;
        var annotations = new JsonObject();
        var openSlo = new JsonObject();
        Describe(openSlo, annotations, Text(spec["description"]));
        openSlo["service"] = Text(spec["service"]);
        openSlo["indicatorRef"] = Text(spec["sli"]);
        var (window, minutes) = TimeWindow(spec);
        openSlo["timeWindow"] = new JsonArray(window);
        var timeslices = Text(spec["budgeting"]) == "timeslices";
        openSlo["budgetingMethod"] = timeslices ? "Timeslices" : "Occurrences";
        var objective = new JsonObject { ["targetPercent"] = spec["objective"]!.DeepClone() };
        if (timeslices)
        {
            objective["timeSliceTarget"] = JsonValue.Create(OpenSlo.Normal(Number(spec["timeSliceTarget"]) / 100));
            objective["timeSliceWindow"] = Text(spec["timeSliceWindow"]);
        }
        openSlo["objectives"] = new JsonArray(objective);
        if (spec["alertRules"] is JsonArray { Count: > 0 } rules)
        {
            openSlo["alertPolicies"] = AlertPolicies(rules, minutes);
        }
        var name = Text(unyo["metadata"]!["name"])!;
        return Document("SLO", Metadata(name, Text(spec["displayName"]), annotations), openSlo);
    }

    private static (JsonObject Window, long Minutes) TimeWindow(JsonObject spec)
    {
        if (Text(spec["calendar"]) is { } calendar)
        {
            return (new JsonObject
            {
                ["duration"] = calendar switch { "week" => "1w", "month" => "1M", _ => "1Q" },
                ["isRolling"] = false,
                ["calendar"] = new JsonObject { ["startTime"] = OpenSlo.CalendarStart, ["timeZone"] = Text(spec["timeZone"]) ?? "UTC" },
            }, OpenSlo.NominalMinutes(calendar));
        }
        var window = Text(spec["window"])!;
        return (new JsonObject { ["duration"] = window, ["isRolling"] = true }, OpenSlo.Minutes(window)!.Value);
    }

    private static JsonArray AlertPolicies(JsonArray rules, long windowMinutes)
    {
        var policies = new JsonArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules.OfType<JsonObject>())
        {
            var severity = Text(rule["severity"])!;
            var (longWindow, shortWindow) = (Text(rule["longWindow"])!, Text(rule["shortWindow"])!);
            var longMinutes = OpenSlo.Minutes(longWindow)!.Value;
            var consumed = Number(rule["budgetConsumed"]);
            var threshold = OpenSlo.Threshold(consumed, longMinutes, windowMinutes);
            var name = $"{severity}-{longWindow}-{shortWindow}";
            for (var n = 2; !names.Add(name); n++)
            {
                name = $"{severity}-{longWindow}-{shortWindow}-{n}";
            }
            // The threshold is rounded; when that loses the exact share, the share goes beside it.
            var annotations = new JsonObject();
            if (OpenSlo.BudgetConsumedPercent(threshold, longMinutes, windowMinutes) != consumed)
            {
                annotations[OpenSlo.BudgetConsumedAnnotation] = consumed.ToString(CultureInfo.InvariantCulture);
            }
            var condition = new JsonObject
            {
                ["kind"] = "AlertCondition",
                ["metadata"] = Metadata(name, null, annotations),
                ["spec"] = new JsonObject
                {
                    ["severity"] = severity,
                    ["condition"] = new JsonObject
                    {
                        ["kind"] = "burnrate",
                        ["op"] = "gt",
                        ["threshold"] = JsonValue.Create(threshold),
                        ["lookbackWindow"] = longWindow,
                        ["alertAfter"] = shortWindow,
                    },
                },
            };
            policies.Add(new JsonObject
            {
                ["kind"] = "AlertPolicy",
                ["metadata"] = new JsonObject { ["name"] = name },
                ["spec"] = new JsonObject
                {
                    ["alertWhenBreaching"] = true,
                    ["alertWhenResolved"] = true,
                    ["alertWhenNoData"] = false,
                    ["conditions"] = new JsonArray(condition),
                    ["notificationTargets"] = new JsonArray(new JsonObject { ["targetRef"] = OpenSlo.UnyoTarget }),
                },
            });
        }
        return policies;
    }

    // A stable name per URL from its host and port (prometheus:9090 → prometheus-9090), so that
    // exports diff well in git.
    private static Dictionary<string, string> DataSourceNames(IEnumerable<string> urls)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var url in urls.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var uri = new Uri(url);
            var slug = OpenSlo.Slug($"{uri.Host}-{uri.Port}");
            var stem = slug.Length is >= 2 and <= 55 ? slug : (slug.Length > 55 ? slug[..55].TrimEnd('-') : "prometheus");
            var name = stem;
            for (var n = 2; names.ContainsValue(name); n++)
            {
                name = $"{stem}-{n}";
            }
            names[url] = name;
        }
        return names;
    }
}
