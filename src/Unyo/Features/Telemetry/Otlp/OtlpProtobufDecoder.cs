using System.Globalization;
using System.Text;

namespace Unyo.Features.Telemetry.Otlp;

// ExportMetricsServiceRequest (opentelemetry/proto/collector/metrics/v1) → OtlpBatch, reading
// only the fields SLIs need. A metric's name is read before anything else of it, and a metric
// no SLI selects is skipped by its length without decoding its points. Field numbers are those
// of opentelemetry-proto's metrics.proto, common.proto and resource.proto.
public static class OtlpProtobufDecoder
{
    public static OtlpBatch Decode(ReadOnlySpan<byte> body, OtlpSelections selections)
    {
        var batch = new OtlpBatch();
        var reader = new ProtoReader(body);
        var index = 0;
        while (reader.Next())
        {
            if (reader.Field != 1)
            {
                reader.Skip();
                continue;
            }
            try
            {
                ResourceMetrics(reader.Bytes(), selections, batch);
            }
            catch (OtlpFormatException e)
            {
                throw e.Within($"resourceMetrics[{index}]");
            }
            index++;
        }
        return batch;
    }

    private static void ResourceMetrics(ReadOnlySpan<byte> message, OtlpSelections selections, OtlpBatch batch)
    {
        // The resource may follow its metrics on the wire: find it first, decode it only if needed.
        ReadOnlySpan<byte> resource = default;
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                resource = reader.Bytes();
            }
            else
            {
                reader.Skip();
            }
        }
        OtlpAttribute[]? attributes = null;
        reader = new ProtoReader(message);
        var index = 0;
        while (reader.Next())
        {
            if (reader.Field != 2)
            {
                reader.Skip();
                continue;
            }
            try
            {
                ScopeMetrics(reader.Bytes(), resource, ref attributes, selections, batch);
            }
            catch (OtlpFormatException e)
            {
                throw e.Within($"scopeMetrics[{index}]");
            }
            index++;
        }
    }

    private static void ScopeMetrics(ReadOnlySpan<byte> message, ReadOnlySpan<byte> resource, ref OtlpAttribute[]? resourceAttributes, OtlpSelections selections, OtlpBatch batch)
    {
        ReadOnlySpan<byte> scope = default;
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                scope = reader.Bytes();
            }
            else
            {
                reader.Skip();
            }
        }
        string? scopeName = null;
        reader = new ProtoReader(message);
        var index = 0;
        while (reader.Next())
        {
            if (reader.Field != 2)
            {
                reader.Skip();
                continue;
            }
            var metric = reader.Bytes();
            try
            {
                if (MetricName(metric, selections) is { } name)
                {
                    resourceAttributes ??= ResourceAttributes(resource);
                    scopeName ??= Scope(scope);
                    var selected = new OtlpMetric { Name = name, Resource = resourceAttributes, Scope = scopeName };
                    Metric(metric, selected);
                    batch.Metrics.Add(selected);
                }
            }
            catch (OtlpFormatException e)
            {
                throw e.Within($"metrics[{index}]");
            }
            index++;
        }
    }

    private static string? MetricName(ReadOnlySpan<byte> message, OtlpSelections selections)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                try
                {
                    return selections.TryFind(reader.Bytes(), out var name) ? name : null;
                }
                catch (OtlpFormatException e)
                {
                    throw e.Within("name");
                }
            }
            reader.Skip();
        }
        return null;
    }

    private static void Metric(ReadOnlySpan<byte> message, OtlpMetric metric)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 3:
                    metric.Unit = Text(reader.Bytes());
                    break;
                case 5:
                    Data(reader.Bytes(), metric, OtlpMetricKind.Gauge, "gauge");
                    break;
                case 7:
                    Data(reader.Bytes(), metric, OtlpMetricKind.Sum, "sum");
                    break;
                case 9:
                    Data(reader.Bytes(), metric, OtlpMetricKind.Histogram, "histogram");
                    break;
                case 10:
                    Data(reader.Bytes(), metric, OtlpMetricKind.ExponentialHistogram, "exponentialHistogram");
                    break;
                case 11:
                    Data(reader.Bytes(), metric, OtlpMetricKind.Summary, "summary");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    // Gauge, Sum, Histogram, ExponentialHistogram and Summary share their layout: data points are
    // field 1, the temporality 2, and a sum says with 3 whether it is monotonic.
    private static void Data(ReadOnlySpan<byte> message, OtlpMetric metric, OtlpMetricKind kind, string field)
    {
        metric.Kind = kind;
        var reader = new ProtoReader(message);
        var index = 0;
        try
        {
            while (reader.Next())
            {
                switch (reader.Field)
                {
                    case 1 when kind is OtlpMetricKind.Sum or OtlpMetricKind.Histogram or OtlpMetricKind.ExponentialHistogram:
                        var data = reader.Bytes();
                        try
                        {
                            metric.Points.Add(Point(data, kind));
                        }
                        catch (OtlpFormatException e)
                        {
                            throw e.Within($"dataPoints[{index}]");
                        }
                        index++;
                        break;
                    case 1:
                        // Gauges and summaries cannot feed an SLI: only their attributes (field 7 in
                        // both) are read, so the SLIs selecting them can be told why nothing counts.
                        metric.Points.Add(new OtlpPoint { Attributes = AttributesOnly(reader.Bytes(), field: 7) });
                        break;
                    case 2 when kind != OtlpMetricKind.Gauge:
                        metric.Temporality = (OtlpTemporality)(int)reader.Varint();
                        break;
                    case 3 when kind == OtlpMetricKind.Sum:
                        metric.Monotonic = reader.Varint() != 0;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (OtlpFormatException e)
        {
            throw e.Within(field);
        }
    }

    // NumberDataPoint, HistogramDataPoint and ExponentialHistogramDataPoint: the same times (2, 3)
    // and flags, attributes at 7, 9 and 1, and for histograms the count (4) and, for explicit
    // buckets, their counts (6) and bounds (7). Exponential buckets have no explicit bounds a
    // latency threshold could sit on, so only their count is read.
    private static OtlpPoint Point(ReadOnlySpan<byte> message, OtlpMetricKind kind)
    {
        var (attributesField, flagsField) = kind switch
        {
            OtlpMetricKind.Sum => (7, 8),
            OtlpMetricKind.Histogram => (9, 10),
            _ => (1, 10),
        };
        var point = new OtlpPoint();
        var reader = new ProtoReader(message);
        List<OtlpAttribute>? attributes = null;
        List<ulong>? buckets = null;
        List<double>? bounds = null;
        while (reader.Next())
        {
            var field = reader.Field;
            if (field == attributesField)
            {
                Attribute(reader.Bytes(), attributes ??= []);
            }
            else if (field == flagsField)
            {
                point.Flags = (uint)reader.Varint();
            }
            else if (field == 2)
            {
                point.StartUnixNano = reader.Fixed64();
            }
            else if (field == 3)
            {
                point.TimeUnixNano = reader.Fixed64();
            }
            else if (kind == OtlpMetricKind.Sum && field is 4 or 6)
            {
                point.Value = field == 4 ? reader.Double() : (long)reader.Fixed64();
                point.HasValue = true;
            }
            else if (kind != OtlpMetricKind.Sum && field == 4)
            {
                point.Count = reader.Fixed64();
                point.HasValue = true;
            }
            else if (kind == OtlpMetricKind.Histogram && field == 6)
            {
                reader.Fixed64s(buckets ??= [], static bits => bits);
            }
            else if (kind == OtlpMetricKind.Histogram && field == 7)
            {
                reader.Fixed64s(bounds ??= [], BitConverter.UInt64BitsToDouble);
            }
            else
            {
                reader.Skip();
            }
        }
        point.Attributes = attributes?.ToArray() ?? [];
        point.Buckets = buckets?.ToArray() ?? [];
        point.Bounds = bounds?.ToArray() ?? [];
        return point;
    }

    private static OtlpAttribute[] AttributesOnly(ReadOnlySpan<byte> message, int field)
    {
        List<OtlpAttribute>? attributes = null;
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == field)
            {
                Attribute(reader.Bytes(), attributes ??= []);
            }
            else
            {
                reader.Skip();
            }
        }
        return attributes?.ToArray() ?? [];
    }

    private static OtlpAttribute[] ResourceAttributes(ReadOnlySpan<byte> resource)
    {
        try
        {
            List<OtlpAttribute>? attributes = null;
            var reader = new ProtoReader(resource);
            while (reader.Next())
            {
                if (reader.Field == 1)
                {
                    Attribute(reader.Bytes(), attributes ??= []);
                }
                else
                {
                    reader.Skip();
                }
            }
            return attributes?.ToArray() ?? [];
        }
        catch (OtlpFormatException e)
        {
            throw e.Within("resource");
        }
    }

    private static string Scope(ReadOnlySpan<byte> scope)
    {
        try
        {
            string name = "", version = "";
            var reader = new ProtoReader(scope);
            while (reader.Next())
            {
                switch (reader.Field)
                {
                    case 1:
                        name = Text(reader.Bytes());
                        break;
                    case 2:
                        version = Text(reader.Bytes());
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            return version.Length == 0 ? name : $"{name}@{version}";
        }
        catch (OtlpFormatException e)
        {
            throw e.Within("scope");
        }
    }

    private static void Attribute(ReadOnlySpan<byte> keyValue, List<OtlpAttribute> into)
    {
        string key = "";
        string value = "";
        var reader = new ProtoReader(keyValue);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1:
                    key = Text(reader.Bytes());
                    break;
                case 2:
                    value = AnyValue(reader.Bytes());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        into.Add(new OtlpAttribute(key, value));
    }

    // AnyValue as text (OtlpAttribute): 1 string, 2 bool, 3 int, 4 double, 5 array, 6 map, 7 bytes.
    private static string AnyValue(ReadOnlySpan<byte> message)
    {
        var value = "";
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            value = reader.Field switch
            {
                1 => Text(reader.Bytes()),
                2 => reader.Varint() != 0 ? "true" : "false",
                3 => ((long)reader.Varint()).ToString(CultureInfo.InvariantCulture),
                4 => OtlpValues.Format(reader.Double()),
                5 => ArrayValue(reader.Bytes()),
                6 => MapValue(reader.Bytes()),
                7 => Convert.ToBase64String(reader.Bytes()),
                _ => Skipped(ref reader, value),
            };
        }
        return value;
    }

    private static string Skipped(ref ProtoReader reader, string value)
    {
        reader.Skip();
        return value;
    }

    private static string ArrayValue(ReadOnlySpan<byte> message)
    {
        var values = new List<string>();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                values.Add(AnyValue(reader.Bytes()));
            }
            else
            {
                reader.Skip();
            }
        }
        return OtlpValues.Array(values);
    }

    private static string MapValue(ReadOnlySpan<byte> message)
    {
        var values = new List<OtlpAttribute>();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                Attribute(reader.Bytes(), values);
            }
            else
            {
                reader.Skip();
            }
        }
        return OtlpValues.Map(values);
    }

    private static string Text(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? "" : Encoding.UTF8.GetString(utf8);
}
