namespace Unyo.Features.Telemetry.Otlp;

public enum OtlpMetricKind
{
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
}

public enum OtlpTemporality
{
    Unspecified = 0,
    Delta = 1,
    Cumulative = 2,
}

// An attribute with its value as text: strings as sent, integers and doubles in invariant
// culture, booleans as true/false, arrays and maps in a compact bracketed form.
public readonly record struct OtlpAttribute(string Key, string Value);

// The points of one metric that some SLI selects, with what identifies their series beyond
// their own attributes. Metrics no SLI selects never become one of these.
public sealed class OtlpMetric
{
    public required string Name { get; init; }
    public string Unit { get; set; } = "";
    public OtlpMetricKind Kind { get; set; }
    public OtlpTemporality Temporality { get; set; }
    public bool Monotonic { get; set; }
    public required OtlpAttribute[] Resource { get; init; }
    // Instrumentation scope name and version: two libraries may emit the same metric name.
    public required string Scope { get; init; }
    public List<OtlpPoint> Points { get; } = [];
}

public sealed class OtlpPoint
{
    // DataPointFlags.FLAG_NO_RECORDED_VALUE: the point marks a gap and carries no value.
    public const uint NoRecordedValue = 1;

    public OtlpAttribute[] Attributes { get; set; } = [];
    public ulong StartUnixNano { get; set; }
    public ulong TimeUnixNano { get; set; }
    // Sums: the value (as_int or as_double).
    public double Value { get; set; }
    public bool HasValue { get; set; }
    // Histograms: the count, and for explicit-bucket histograms the buckets and their bounds.
    public ulong Count { get; set; }
    public ulong[] Buckets { get; set; } = [];
    public double[] Bounds { get; set; } = [];
    public uint Flags { get; set; }

    // A point's own attribute wins over the resource's.
    public string? Attribute(string key, OtlpAttribute[] resource)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Key == key)
            {
                return attribute.Value;
            }
        }
        foreach (var attribute in resource)
        {
            if (attribute.Key == key)
            {
                return attribute.Value;
            }
        }
        return null;
    }
}

// What one request held for the SLIs: the selected metrics, and how many points were seen in them.
public sealed class OtlpBatch
{
    public List<OtlpMetric> Metrics { get; } = [];

    public int Points => Metrics.Sum(m => m.Points.Count);
}
