using System.Text.Json.Nodes;

namespace Unyo.Features.ConfigAsCode;

public sealed partial class OpenSloTranslator
{
    private static readonly string[] Parts = ["good", "bad", "total", "raw"];

    // One side of a ratio (good, bad, total or raw): its metricSource, the type it reads, and the
    // URL of the DataSource it names, if any.
    private sealed record MetricSource(string Part, string Type, OpenSloNode Node, OpenSloNode Spec, (string Url, FieldOrigin Origin)? DataSourceUrl);

    private sealed record SourceFields(JsonObject Fields, Dictionary<string, FieldOrigin> Origins);

    private void TranslateStandaloneSli(ConfigDocument document)
    {
        var root = OpenSloNode.Root(document, _errors);
        var metadata = root.Object("metadata")!;
        var annotations = metadata.UnyoAnnotations(OpenSlo.ServiceAnnotation, OpenSlo.DescriptionAnnotation);
        if (root.Object("spec", required: true) is not { } spec)
        {
            return;
        }
        var name = document.Name!;
        if (annotations.TryGetValue(OpenSlo.ServiceAnnotation, out var annotated))
        {
            TranslateSli(name, metadata, annotations, spec, annotated.Value, annotated.Origin, inline: false);
            return;
        }
        var users = _sliUsers.GetValueOrDefault(name) ?? [];
        var services = users.Select(u => u.Service).Distinct().ToList();
        if (services.Count == 1)
        {
            TranslateSli(name, metadata, annotations, spec, services[0], users[0].Origin, inline: false);
            return;
        }
        metadata.Error("name", services.Count == 0
            ? $"no SLO in the files refers to SLI '{name}', and a Unyo SLI belongs to a service: refer to it from an SLO (spec.indicatorRef), or set the annotation {OpenSlo.ServiceAnnotation}."
            : $"SLOs of services {string.Join(" and ", services.Select(s => $"'{s}'"))} refer to SLI '{name}', but a Unyo SLI measures one service: give each service its own SLI.");
    }

    private void TranslateSli(
        string name, OpenSloNode metadata, Dictionary<string, (string Value, FieldOrigin Origin)> annotations,
        OpenSloNode spec, string service, FieldOrigin serviceOrigin, bool inline)
    {
        spec.Known("an SLI", "description", "thresholdMetric", "ratioMetric");
        if (spec.Has("thresholdMetric"))
        {
            spec.Error("thresholdMetric", "is not supported: Unyo SLIs count good and total events, and a threshold metric compares raw values. Write it as a ratioMetric: good = events within the threshold (a histogram bucket), total = all events.");
            return;
        }
        if (spec.Object("ratioMetric", required: true) is not { } ratio || Sources(ratio) is not { } sources)
        {
            return;
        }
        var fields = sources.First().Type.ToLowerInvariant() switch
        {
            "prometheus" => Prometheus(ratio, sources),
            "unyo" => UnyoEvents(sources),
            _ => Unreadable(sources.First()),
        };
        if (fields is null)
        {
            return;
        }
        var (description, descriptionOrigin) = annotations.TryGetValue(OpenSlo.DescriptionAnnotation, out var written)
            ? written : (spec.Text("description"), spec.Origin("description"));
        var unyo = new JsonObject().With("service", service).With("description", description);
        foreach (var (key, value) in fields.Fields)
        {
            unyo[key] = value?.DeepClone();
        }
        var origins = new Dictionary<string, FieldOrigin>(fields.Origins, StringComparer.Ordinal)
        {
            ["metadata"] = metadata.Origin(),
            ["metadata.name"] = metadata.Origin("name"),
            ["spec"] = spec.Origin(),
            ["spec.service"] = serviceOrigin,
            ["spec.description"] = descriptionOrigin,
        };
        // The same inline SLI in several SLOs of the files is one SLI; different ones by the same
        // name are left for the plan to refuse as defined twice.
        if (inline && _inlineSlis.TryGetValue(name, out var first) && JsonNode.DeepEquals(first.Spec, unyo))
        {
            return;
        }
        Emit(spec.Document, "SLI", new JsonObject { ["name"] = name }, unyo, origins);
        if (inline)
        {
            _inlineSlis.TryAdd(name, _output[^1]);
        }
    }

    // The sides of a ratio, each resolved to the type it reads; they must read one type.
    private List<MetricSource>? Sources(OpenSloNode ratio)
    {
        ratio.Known("a ratioMetric", "counter", "good", "bad", "total", "rawType", "raw");
        var sources = new List<MetricSource>();
        var ok = true;
        foreach (var part in Parts.Where(ratio.Has))
        {
            if (ratio.Object(part) is { } node && Source(part, node) is { } source)
            {
                sources.Add(source);
            }
            else
            {
                ok = false;
            }
        }
        bool Has(string part) => ratio.Has(part);
        if (Has("raw") && (Has("good") || Has("bad") || Has("total")))
        {
            ok = Fail(ratio, "raw", "is an alternative to good, bad and total: give one or the other.");
        }
        else if (Has("raw") && ratio.Text("rawType") is not ("success" or "failure"))
        {
            ok = Fail(ratio, "rawType", "is required with raw: success (the ratio of good events) or failure (of bad ones).");
        }
        else if (!Has("raw") && ratio.Has("rawType"))
        {
            ok = Fail(ratio, "rawType", "applies only with raw.");
        }
        else if (!Has("raw") && !Has("total"))
        {
            ok = Fail(ratio, "total", "is required: the query for all events (with good or bad), or raw for a precomputed ratio.");
        }
        else if (!Has("raw") && Has("good") == Has("bad"))
        {
            ok = Fail(ratio, Has("good") ? "bad" : "good", Has("good") ? "give good or bad, not both." : "is required (or bad): the query for good events.");
        }
        if (!ok || sources.Count == 0)
        {
            return null;
        }
        foreach (var other in sources.Where(s => !s.Type.Equals(sources[0].Type, StringComparison.OrdinalIgnoreCase)))
        {
            other.Node.Error("type", $"'{other.Type}' differs from {sources[0].Part}'s '{sources[0].Type}': a Unyo SLI reads one source.");
            return null;
        }
        return sources;
    }

    private MetricSource? Source(string part, OpenSloNode node)
    {
        node.Known($"ratioMetric.{part}", "metricSource");
        if (node.Object("metricSource", required: true) is not { } source)
        {
            return null;
        }
        source.Known("a metricSource", "metricSourceRef", "type", "spec");
        var type = source.Text("type");
        (string, FieldOrigin)? url = null;
        if (source.Has("metricSourceRef"))
        {
            var dataSource = Referenced(source, "metricSourceRef", "DataSource")?.Object("spec", required: true);
            dataSource?.Known("a DataSource", "description", "type", "connectionDetails");
            if (dataSource?.Text("type", required: true) is not { } dataSourceType)
            {
                return null;
            }
            if (type is not null && !type.Equals(dataSourceType, StringComparison.OrdinalIgnoreCase))
            {
                source.Error("type", $"'{type}' differs from the type of DataSource '{source.Text("metricSourceRef")}' ({dataSourceType}).");
                return null;
            }
            type ??= dataSourceType;
            url = dataSourceType.Equals("Prometheus", StringComparison.OrdinalIgnoreCase) ? ConnectionUrl(dataSource) : null;
        }
        if (type is null)
        {
            source.Error("type", "is required (or metricSourceRef naming a DataSource, whose type it takes).");
            return null;
        }
        return source.Object("spec", required: true) is { } spec ? new MetricSource(part, type, source, spec, url) : null;
    }

    // OpenSLO leaves connectionDetails free; Unyo reads `url` from it, as a mapping or as a list of
    // one-key mappings (both appear in OpenSLO's examples).
    private static (string Url, FieldOrigin Origin)? ConnectionUrl(OpenSloNode dataSource)
    {
        if (dataSource.Value["connectionDetails"] is JsonArray)
        {
            foreach (var item in dataSource.Items("connectionDetails") ?? [])
            {
                if (item.Has("url") && item.Text("url") is { } listed)
                {
                    return (listed, item.Origin("url"));
                }
            }
            return null;
        }
        return dataSource.Object("connectionDetails")?.Text("url") is { } url ? (url, dataSource.Origin("connectionDetails.url")) : null;
    }

    private static SourceFields? Unreadable(MetricSource source)
    {
        source.Node.Error(source.Node.Has("type") ? "type" : "metricSourceRef",
            $"'{source.Type}' is a source Unyo cannot read: use Prometheus (PromQL through the Prometheus HTTP API), or {OpenSlo.UnyoSourceType} for events sent to Unyo itself (native or OTLP).");
        return null;
    }
}
