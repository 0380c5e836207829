using System.Text.Json.Nodes;

namespace Unyo.Features.ConfigAsCode;

// An SLI as OpenSLO v1. Prometheus SLIs are ratio metrics on a DataSource (an errorRatio is a raw
// failure ratio); native, OTLP and check SLIs read metricSource type Unyo, whose spec holds Unyo's own
// fields. The service, which OpenSLO SLIs do not have, is an annotation.
public static class OpenSloSliExport
{
    public static JsonObject Sli(JsonObject unyo, IReadOnlyDictionary<string, string> dataSources)
    {
        var spec = (JsonObject)unyo["spec"]!;
        var annotations = new JsonObject { [OpenSlo.ServiceAnnotation] = OpenSloExporter.Text(spec["service"]) };
        var openSlo = new JsonObject();
        OpenSloExporter.Describe(openSlo, annotations, OpenSloExporter.Text(spec["description"]));
        openSlo["ratioMetric"] = spec["prometheus"] is JsonObject prometheus
            ? Prometheus(prometheus, dataSources[OpenSloExporter.Text(prometheus["url"])!])
            : UnyoEvents(spec);
        var name = OpenSloExporter.Text(unyo["metadata"]!["name"])!;
        return OpenSloExporter.Document("SLI", OpenSloExporter.Metadata(name, null, annotations), openSlo);
    }

    private static JsonObject Prometheus(JsonObject prometheus, string dataSource)
    {
        JsonObject Side(string query) => new()
        {
            ["metricSource"] = new JsonObject
            {
                ["metricSourceRef"] = dataSource,
                ["type"] = "Prometheus",
                ["spec"] = new JsonObject { ["query"] = query },
            },
        };
        if (OpenSloExporter.Text(prometheus["errorRatio"]) is { } errorRatio)
        {
            return new JsonObject { ["counter"] = false, ["rawType"] = "failure", ["raw"] = Side(errorRatio) };
        }
        var (good, total) = (OpenSloExporter.Text(prometheus["good"])!, OpenSloExporter.Text(prometheus["total"])!);
        // Counters read the usual way go out as the bare counters other OpenSLO tools understand.
        if (OpenSlo.BareCounter(good) is { } goodCounter && OpenSlo.BareCounter(total) is { } totalCounter)
        {
            return new JsonObject { ["counter"] = true, ["good"] = Side(goodCounter), ["total"] = Side(totalCounter) };
        }
        return new JsonObject { ["counter"] = false, ["good"] = Side(good), ["total"] = Side(total) };
    }

    private static JsonObject UnyoEvents(JsonObject spec)
    {
        var source = OpenSloExporter.Text(spec["source"]) ?? "native";
        var otlp = spec["otlp"] as JsonObject;
        JsonObject Side(JsonNode? selector, JsonNode? latency)
        {
            var side = new JsonObject { ["source"] = source };
            if (OpenSloExporter.Text(spec["check"]) is { } check)
            {
                side["check"] = check;
            }
            foreach (var (key, value) in selector as JsonObject ?? [])
            {
                side[key] = value?.DeepClone();
            }
            if (latency is not null)
            {
                side["latencyThresholdMs"] = latency.DeepClone();
            }
            return new JsonObject { ["metricSource"] = new JsonObject { ["type"] = OpenSlo.UnyoSourceType, ["spec"] = side } };
        }
        var histogram = otlp?["histogram"];
        return new JsonObject
        {
            ["counter"] = false,
            ["good"] = Side(histogram ?? otlp?["good"], spec["latencyThresholdMs"]),
            ["total"] = Side(histogram ?? otlp?["total"], null),
        };
    }
}
