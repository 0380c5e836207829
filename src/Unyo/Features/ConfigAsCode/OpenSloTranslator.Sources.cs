using System.Text.Json.Nodes;

namespace Unyo.Features.ConfigAsCode;

public sealed partial class OpenSloTranslator
{
    private const string Window = "{{window}}";

    // PromQL through the Prometheus HTTP API. good/total map as they are; bad/total becomes
    // good = total − bad, which keeps the event counts (so busy minutes weigh more, as Occurrences
    // means); a raw ratio becomes Unyo's errorRatio.
    private static SourceFields? Prometheus(OpenSloNode ratio, List<MetricSource> sources)
    {
        var counter = ratio.Bool("counter");
        var queries = new Dictionary<string, (string Query, FieldOrigin Origin)>(StringComparer.Ordinal);
        (string Url, FieldOrigin Origin, string Part)? engine = null;
        var ok = true;
        foreach (var source in sources)
        {
            var spec = source.Spec;
            spec.Known("a Prometheus metricSource spec", "query", "promql", "url");
            if (spec.Has("query") && spec.Has("promql"))
            {
                ok = Fail(spec, "promql", "give query or promql, not both.");
                continue;
            }
            var key = spec.Has("promql") ? "promql" : "query";
            var query = spec.Text(key, required: true);
            (string Url, FieldOrigin Origin)? url = spec.Text("url") is { } inline ? (inline, spec.Origin("url")) : source.DataSourceUrl;
            if (url is not { } found)
            {
                source.Node.Fail("needs the Prometheus URL: metricSourceRef naming a DataSource of type Prometheus with connectionDetails.url, or url in spec.");
                ok = false;
            }
            else if (engine is null)
            {
                engine = (found.Url, found.Origin, source.Part);
            }
            else if (engine.Value.Url.TrimEnd('/') != found.Url.TrimEnd('/'))
            {
                source.Node.Fail($"reads from {found.Url}, but {engine.Value.Part} from {engine.Value.Url}: a Unyo SLI reads one Prometheus.");
                ok = false;
            }
            if (query is null || Windowed(query, source.Part != "raw" && counter == true, spec, key) is not { } windowed)
            {
                ok = false;
                continue;
            }
            queries[source.Part] = (windowed, spec.Origin(key));
        }
        if (!ok || engine is null)
        {
            return null;
        }
        var prometheus = new JsonObject { ["url"] = engine.Value.Url };
        var origins = new Dictionary<string, FieldOrigin>(StringComparer.Ordinal)
        {
            ["spec.source"] = sources[0].Node.Origin(),
            ["spec.prometheus"] = sources[0].Node.Origin(),
            ["spec.prometheus.url"] = engine.Value.Origin,
        };
        if (queries.TryGetValue("raw", out var raw))
        {
            prometheus["errorRatio"] = ratio.Text("rawType") == "failure" ? raw.Query : $"1 - ({raw.Query})";
            origins["spec.prometheus.errorRatio"] = raw.Origin;
        }
        else
        {
            var total = queries["total"];
            (string Query, FieldOrigin Origin) good = queries.TryGetValue("good", out var g) ? g : ($"({total.Query}) - ({queries["bad"].Query})", queries["bad"].Origin);
            prometheus["good"] = good.Query;
            prometheus["total"] = total.Query;
            origins["spec.prometheus.good"] = good.Origin;
            origins["spec.prometheus.total"] = total.Origin;
        }
        return new SourceFields(new JsonObject { ["source"] = "prometheus", ["prometheus"] = prometheus }, origins);
    }

    // Unyo asks for one minute at a time, so every query says where its range goes. A counter
    // named by a bare selector can be read the usual way; any other expression cannot be
    // rewritten safely, so it is refused rather than guessed at.
    private static string? Windowed(string query, bool counter, OpenSloNode spec, string key)
    {
        var text = query.Trim();
        if (text.Contains(Window, StringComparison.Ordinal))
        {
            return text;
        }
        if (counter && OpenSlo.WindowedCounter(text) is { } rewritten)
        {
            return rewritten;
        }
        spec.Error(key, $"must contain {Window} where the range goes, such as sum(increase(http_requests_total{{code!~\"5..\"}}[{Window}])): Unyo reads one minute at a time. "
            + "Only a counter given as a bare selector, with ratioMetric.counter: true, is rewritten so by itself.");
        return null;
    }

    // Events sent to Unyo itself: native (POST /api/v1/sli-events) or OTLP metrics selected by
    // name and attributes. A latencyThresholdMs on good makes a latency SLI.
    private static SourceFields? UnyoEvents(List<MetricSource> sources)
    {
        foreach (var other in sources.Where(s => s.Part is "bad" or "raw"))
        {
            other.Node.Fail($"type {OpenSlo.UnyoSourceType} counts good and total events: give good and total.");
            return null;
        }
        var (good, total) = (sources.Single(s => s.Part == "good"), sources.Single(s => s.Part == "total"));
        foreach (var side in new[] { good, total })
        {
            side.Spec.Known($"a {OpenSlo.UnyoSourceType} metricSource spec", "source", "metric", "attributes", "excludeAttributes", "latencyThresholdMs", "check");
        }
        var source = good.Spec.Text("source") ?? "native";
        var ok = (total.Spec.Text("source") ?? "native") == source
            || Fail(total.Spec, "source", $"differs from good's '{source}': a Unyo SLI has one source.");
        if (source is not ("native" or "otlp" or "check"))
        {
            ok = Fail(good.Spec, "source", $"'{source}' must be native (events posted to /api/v1/sli-events), otlp (metrics sent to /v1/metrics) or check (a synthetic check's results); PromQL has metricSource type Prometheus.");
        }
        var check = good.Spec.Text("check");
        if (source == "check" && check is null)
        {
            ok = Fail(good.Spec, "check", "is required for source check: the check whose results are the events.");
        }
        else if (source == "check" && total.Spec.Text("check") is { } totalCheck && totalCheck != check)
        {
            ok = Fail(total.Spec, "check", $"differs from good's '{check}': a Unyo SLI counts one check.");
        }
        foreach (var side in source == "check" ? Array.Empty<MetricSource>() : new[] { good, total })
        {
            if (side.Spec.Has("check"))
            {
                ok = Fail(side.Spec, "check", "applies only to source check.");
            }
        }
        if (total.Spec.Has("latencyThresholdMs"))
        {
            ok = Fail(total.Spec, "latencyThresholdMs", "belongs on good: events answered within it are the good ones.");
        }
        foreach (var side in source is "native" or "check" ? new[] { good, total } : Array.Empty<MetricSource>())
        {
            foreach (var key in new[] { "metric", "attributes", "excludeAttributes" }.Where(side.Spec.Has))
            {
                ok = Fail(side.Spec, key, "applies only to source otlp.");
            }
        }
        var latency = good.Spec.Value["latencyThresholdMs"];
        var (goodSelector, totalSelector) = (Selector(good.Spec), Selector(total.Spec));
        if (source == "otlp" && latency is not null && !JsonNode.DeepEquals(goodSelector, totalSelector))
        {
            ok = Fail(good.Spec, "metric", "must select the same histogram as total: a latency SLI counts the buckets of one histogram.");
        }
        if (!ok)
        {
            return null;
        }
        var fields = new JsonObject { ["source"] = source }
            .With("kind", latency is null ? null : "latency")
            .With("latencyThresholdMs", latency?.DeepClone())
            .With("check", check);
        var origins = new Dictionary<string, FieldOrigin>(StringComparer.Ordinal)
        {
            ["spec.source"] = good.Spec.Has("source") ? good.Spec.Origin("source") : good.Node.Origin("type"),
            ["spec.kind"] = good.Spec.Origin("latencyThresholdMs"),
            ["spec.latencyThresholdMs"] = good.Spec.Origin("latencyThresholdMs"),
            ["spec.otlp"] = good.Spec.Origin(),
            ["spec.otlp.good"] = good.Spec.Origin(),
            ["spec.otlp.total"] = total.Spec.Origin(),
            ["spec.otlp.histogram"] = total.Spec.Origin(),
            ["spec.check"] = good.Spec.Has("check") ? good.Spec.Origin("check") : good.Spec.Origin(),
        };
        if (source == "otlp")
        {
            fields["otlp"] = latency is null
                ? new JsonObject { ["good"] = goodSelector, ["total"] = totalSelector }
                : new JsonObject { ["histogram"] = totalSelector };
        }
        return new SourceFields(fields, origins);
    }

    private static JsonObject Selector(OpenSloNode spec)
    {
        var selector = new JsonObject();
        foreach (var key in new[] { "metric", "attributes", "excludeAttributes" })
        {
            selector.With(key, spec.Value[key]?.DeepClone());
        }
        return selector;
    }
}
