using System.Globalization;
using System.Text.Json;

namespace Unyo.Features.Telemetry.Otlp;

// ExportMetricsServiceRequest in the OTLP/JSON mapping → OtlpBatch: lowerCamelCase keys (the
// proto names are accepted too), 64-bit integers as strings or numbers, enums as numbers or
// names, unknown fields ignored. Metrics no SLI selects are skipped after their name.
public static class OtlpJsonDecoder
{
    public static OtlpBatch Decode(ReadOnlySpan<byte> body, OtlpSelections selections)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new OtlpFormatException("holds more after the JSON object");
            }
        }
        catch (JsonException e)
        {
            throw new OtlpFormatException($"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
        using (document)
        {
            var batch = new OtlpBatch();
            var root = document.RootElement;
            Expect(root, JsonValueKind.Object, "", "must be a JSON object: {\"resourceMetrics\":[…]}");
            Each(root, "resourceMetrics", "resource_metrics", "", (resourceMetrics, path) =>
            {
                Expect(resourceMetrics, JsonValueKind.Object, path, "must be an object");
                OtlpAttribute[]? resource = null;
                Each(resourceMetrics, "scopeMetrics", "scope_metrics", path, (scopeMetrics, scopePath) =>
                {
                    Expect(scopeMetrics, JsonValueKind.Object, scopePath, "must be an object");
                    string? scope = null;
                    Each(scopeMetrics, "metrics", "metrics", scopePath, (metric, metricPath) =>
                    {
                        Expect(metric, JsonValueKind.Object, metricPath, "must be an object");
                        var name = Property(metric, "name", "name") is { } n ? String(n, $"{metricPath}.name") : "";
                        if (!selections.TryFind(System.Text.Encoding.UTF8.GetBytes(name), out var selected))
                        {
                            return;
                        }
                        resource ??= Resource(resourceMetrics, path);
                        scope ??= Scope(scopeMetrics, scopePath);
                        batch.Metrics.Add(Metric(metric, metricPath, new OtlpMetric { Name = selected, Resource = resource, Scope = scope }));
                    });
                });
            });
            return batch;
        }
    }

    private static OtlpMetric Metric(JsonElement element, string path, OtlpMetric metric)
    {
        metric.Unit = Property(element, "unit", "unit") is { } unit ? String(unit, $"{path}.unit") : "";
        foreach (var (kind, camel, snake) in Kinds)
        {
            if (Property(element, camel, snake) is not { } data)
            {
                continue;
            }
            var dataPath = $"{path}.{camel}";
            Expect(data, JsonValueKind.Object, dataPath, "must be an object");
            metric.Kind = kind;
            if (Property(data, "aggregationTemporality", "aggregation_temporality") is { } temporality)
            {
                metric.Temporality = Temporality(temporality, $"{dataPath}.aggregationTemporality");
            }
            if (Property(data, "isMonotonic", "is_monotonic") is { } monotonic)
            {
                metric.Monotonic = monotonic.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new OtlpFormatException("must be true or false", $"{dataPath}.isMonotonic"),
                };
            }
            Each(data, "dataPoints", "data_points", dataPath, (point, pointPath) =>
            {
                Expect(point, JsonValueKind.Object, pointPath, "must be an object");
                metric.Points.Add(kind is OtlpMetricKind.Gauge or OtlpMetricKind.Summary ? new OtlpPoint { Attributes = Attributes(point, pointPath) } : Point(point, pointPath, kind));
            });
            break;
        }
        return metric;
    }

    private static readonly (OtlpMetricKind Kind, string Camel, string Snake)[] Kinds =
    [
        (OtlpMetricKind.Sum, "sum", "sum"),
        (OtlpMetricKind.Histogram, "histogram", "histogram"),
        (OtlpMetricKind.ExponentialHistogram, "exponentialHistogram", "exponential_histogram"),
        (OtlpMetricKind.Gauge, "gauge", "gauge"),
        (OtlpMetricKind.Summary, "summary", "summary"),
    ];

    private static OtlpPoint Point(JsonElement element, string path, OtlpMetricKind kind)
    {
        var point = new OtlpPoint
        {
            Attributes = Attributes(element, path),
            StartUnixNano = Property(element, "startTimeUnixNano", "start_time_unix_nano") is { } start ? Unsigned(start, $"{path}.startTimeUnixNano") : 0,
            TimeUnixNano = Property(element, "timeUnixNano", "time_unix_nano") is { } time ? Unsigned(time, $"{path}.timeUnixNano") : 0,
            Flags = Property(element, "flags", "flags") is { } flags ? (uint)Unsigned(flags, $"{path}.flags") : 0,
        };
        if (kind == OtlpMetricKind.Sum)
        {
            if (Property(element, "asInt", "as_int") is { } asInt)
            {
                point.Value = Signed(asInt, $"{path}.asInt");
                point.HasValue = true;
            }
            else if (Property(element, "asDouble", "as_double") is { } asDouble)
            {
                point.Value = Double(asDouble, $"{path}.asDouble");
                point.HasValue = true;
            }
            return point;
        }
        if (Property(element, "count", "count") is { } count)
        {
            point.Count = Unsigned(count, $"{path}.count");
            point.HasValue = true;
        }
        if (kind == OtlpMetricKind.Histogram)
        {
            point.Buckets = List(element, "bucketCounts", "bucket_counts", path, Unsigned);
            point.Bounds = List(element, "explicitBounds", "explicit_bounds", path, Double);
        }
        return point;
    }

    private static T[] List<T>(JsonElement element, string camel, string snake, string path, Func<JsonElement, string, T> read)
    {
        if (Property(element, camel, snake) is not { } list || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        Expect(list, JsonValueKind.Array, $"{path}.{camel}", "must be a list");
        var values = new T[list.GetArrayLength()];
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            values[i] = read(item, $"{path}.{camel}[{i}]");
            i++;
        }
        return values;
    }

    private static OtlpAttribute[] Resource(JsonElement resourceMetrics, string path) =>
        Property(resourceMetrics, "resource", "resource") is { ValueKind: JsonValueKind.Object } resource ? Attributes(resource, $"{path}.resource") : [];

    private static string Scope(JsonElement scopeMetrics, string path)
    {
        if (Property(scopeMetrics, "scope", "scope") is not { ValueKind: JsonValueKind.Object } scope)
        {
            return "";
        }
        var name = Property(scope, "name", "name") is { } n ? String(n, $"{path}.scope.name") : "";
        var version = Property(scope, "version", "version") is { } v ? String(v, $"{path}.scope.version") : "";
        return version.Length == 0 ? name : $"{name}@{version}";
    }

    private static OtlpAttribute[] Attributes(JsonElement element, string path)
    {
        var attributes = new List<OtlpAttribute>();
        Each(element, "attributes", "attributes", path, (keyValue, keyPath) => attributes.Add(Attribute(keyValue, keyPath)));
        return [.. attributes];
    }

    private static OtlpAttribute Attribute(JsonElement keyValue, string path)
    {
        Expect(keyValue, JsonValueKind.Object, path, "must be an object: {\"key\":…,\"value\":{…}}");
        var key = Property(keyValue, "key", "key") is { } k ? String(k, $"{path}.key") : "";
        var value = Property(keyValue, "value", "value") is { } v ? AnyValue(v, $"{path}.value") : "";
        return new OtlpAttribute(key, value);
    }

    private static string AnyValue(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return "";
        }
        Expect(value, JsonValueKind.Object, path, "must be an object such as {\"stringValue\":\"…\"}");
        foreach (var property in value.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            switch (property.Name)
            {
                case "stringValue" or "string_value":
                    return String(property.Value, at);
                case "boolValue" or "bool_value":
                    return property.Value.ValueKind switch
                    {
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => throw new OtlpFormatException("must be true or false", at),
                    };
                case "intValue" or "int_value":
                    return Signed(property.Value, at).ToString(CultureInfo.InvariantCulture);
                case "doubleValue" or "double_value":
                    return OtlpValues.Format(Double(property.Value, at));
                case "bytesValue" or "bytes_value":
                    return String(property.Value, at);
                case "arrayValue" or "array_value":
                    Expect(property.Value, JsonValueKind.Object, at, "must be an object: {\"values\":[…]}");
                    var items = new List<string>();
                    Each(property.Value, "values", "values", at, (item, itemPath) => items.Add(AnyValue(item, itemPath)));
                    return OtlpValues.Array(items);
                case "kvlistValue" or "kvlist_value":
                    Expect(property.Value, JsonValueKind.Object, at, "must be an object: {\"values\":[…]}");
                    var pairs = new List<OtlpAttribute>();
                    Each(property.Value, "values", "values", at, (item, itemPath) => pairs.Add(Attribute(item, itemPath)));
                    return OtlpValues.Map(pairs);
            }
        }
        return "";
    }

    private static void Each(JsonElement element, string camel, string snake, string path, Action<JsonElement, string> each)
    {
        if (Property(element, camel, snake) is not { } list || list.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        var listPath = path.Length == 0 ? camel : $"{path}.{camel}";
        Expect(list, JsonValueKind.Array, listPath, "must be a list");
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            each(item, $"{listPath}[{i++}]");
        }
    }

    private static JsonElement? Property(JsonElement element, string camel, string snake) =>
        element.TryGetProperty(camel, out var value) || (snake != camel && element.TryGetProperty(snake, out value)) ? value : null;

    private static void Expect(JsonElement element, JsonValueKind kind, string path, string message)
    {
        if (element.ValueKind != kind)
        {
            throw new OtlpFormatException(message, path.Length == 0 ? "body" : path);
        }
    }

    private static string String(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new OtlpFormatException("must be a string", path);

    private static ulong Unsigned(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetUInt64(out var number) => number,
        JsonValueKind.String when ulong.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var text) => text,
        _ => throw new OtlpFormatException("must be a whole number of 0 or more (a string or a number)", path),
    };

    private static long Signed(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var text) => text,
        _ => throw new OtlpFormatException("must be a whole number (a string or a number)", path),
    };

    private static double Double(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new OtlpFormatException("must be a number", path),
        },
        _ => throw new OtlpFormatException("must be a number", path),
    };

    private static OtlpTemporality Temporality(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt32(out var number) => (OtlpTemporality)number,
        JsonValueKind.String => element.GetString() switch
        {
            "AGGREGATION_TEMPORALITY_DELTA" => OtlpTemporality.Delta,
            "AGGREGATION_TEMPORALITY_CUMULATIVE" => OtlpTemporality.Cumulative,
            "AGGREGATION_TEMPORALITY_UNSPECIFIED" => OtlpTemporality.Unspecified,
            _ => throw new OtlpFormatException("must be 1 (delta) or 2 (cumulative)", path),
        },
        _ => throw new OtlpFormatException("must be 1 (delta) or 2 (cumulative)", path),
    };
}
