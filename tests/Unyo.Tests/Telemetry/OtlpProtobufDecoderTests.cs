using Unyo.Features.Telemetry;
using Unyo.Features.Telemetry.Otlp;

namespace Unyo.Tests.Telemetry;

public sealed class OtlpProtobufDecoderTests
{
    private static readonly OtlpSelector Requests = new("http.requests", new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>());
    private static readonly OtlpSelector Duration = new("http.duration", new Dictionary<string, string>(), new Dictionary<string, IReadOnlyList<string>>());

    private static readonly OtlpSelections Selections = new(
        [
            new OtlpSli(Guid.NewGuid(), "ratio", SliKind.Ratio, null, new OtlpSelection(Requests, Requests, null)),
            new OtlpSli(Guid.NewGuid(), "latency", SliKind.Latency, 300, new OtlpSelection(null, null, Duration)),
        ],
        DateTimeOffset.UnixEpoch, 0);

    [Fact]
    public void SumsAndHistogramsOfSelectedMetricsAreReadWithTheirAttributes()
    {
        var body = Proto.Request(Proto.Resource(
            [Proto.KeyValue("service.name", "checkout")],
            Proto.Sum("http.requests", 2, true, Proto.IntPoint(10, 20, 42, Proto.KeyValue("code", "200"))),
            Proto.Histogram("http.duration", "s", 1, Proto.HistogramPoint(30, 40, 7, [1, 2, 4], [0.1, 0.3])))).ToArray();

        var batch = OtlpProtobufDecoder.Decode(body, Selections);

        Assert.Equal(2, batch.Metrics.Count);
        var sum = batch.Metrics[0];
        Assert.Equal(("http.requests", OtlpMetricKind.Sum, OtlpTemporality.Cumulative, true, "test.scope@1.0"), (sum.Name, sum.Kind, sum.Temporality, sum.Monotonic, sum.Scope));
        Assert.Equal([new OtlpAttribute("service.name", "checkout")], sum.Resource);
        var point = Assert.Single(sum.Points);
        Assert.Equal((10UL, 20UL, 42d, true), (point.StartUnixNano, point.TimeUnixNano, point.Value, point.HasValue));
        Assert.Equal([new OtlpAttribute("code", "200")], point.Attributes);
        Assert.Equal("checkout", point.Attribute("service.name", sum.Resource));
        var histogram = batch.Metrics[1];
        Assert.Equal(("s", OtlpMetricKind.Histogram, OtlpTemporality.Delta), (histogram.Unit, histogram.Kind, histogram.Temporality));
        var bucketed = Assert.Single(histogram.Points);
        Assert.Equal((30UL, 40UL, 7UL), (bucketed.StartUnixNano, bucketed.TimeUnixNano, bucketed.Count));
        Assert.Equal([1UL, 2UL, 4UL], bucketed.Buckets);
        Assert.Equal([0.1, 0.3], bucketed.Bounds);
    }

    [Fact]
    public void UnpackedRepeatedFieldsPaddedLengthsAndNameAfterDataAreRead()
    {
        // Bucket counts one per tag, a length written as a padded four-byte varint (as the
        // OpenTelemetry .NET exporter reserves them), and the metric's name after its data.
        var point = new Proto().Fixed64(3, 99).Fixed64(4, 3).Fixed64(6, 1).Fixed64(6, 2).Double(7, 0.3);
        var histogram = new Proto().Message(1, point).Varint(2, 2);
        var metric = new Proto().Message(9, histogram).String(3, "ms").String(1, "http.duration");
        var metricBytes = metric.ToArray();
        byte[] scope = [.. new Proto().Tag(2, 2).ToArray(), (byte)(0x80 | (metricBytes.Length & 0x7F)), (byte)(0x80 | (metricBytes.Length >> 7)), 0x80, 0x00, .. metricBytes];
        var body = new Proto().Message(1, new Proto().Bytes(2, scope)).ToArray();

        var batch = OtlpProtobufDecoder.Decode(body, Selections);

        var decoded = Assert.Single(Assert.Single(batch.Metrics).Points);
        Assert.Equal([1UL, 2UL], decoded.Buckets);
        Assert.Equal([0.3], decoded.Bounds);
        Assert.Equal("ms", batch.Metrics[0].Unit);
    }

    [Fact]
    public void MetricsNoSliSelectsAreSkippedWithoutReadingTheirPoints()
    {
        // The other metric's points are garbage: skipping by length never looks inside.
        var other = new Proto().String(1, "jvm.memory").Bytes(7, [0xFF, 0xFF, 0xFF]);
        var body = Proto.Request(Proto.Resource([], other, Proto.Sum("http.requests", 1, true, Proto.IntPoint(1, 2, 3)))).ToArray();

        var batch = OtlpProtobufDecoder.Decode(body, Selections);

        Assert.Equal("http.requests", Assert.Single(batch.Metrics).Name);
    }

    [Fact]
    public void ATruncatedPayloadNamesWhereItEnded()
    {
        var body = Proto.Request(Proto.Resource([], Proto.Sum("http.requests", 1, true, Proto.IntPoint(1, 2, 3)))).ToArray();

        var error = Assert.Throws<OtlpFormatException>(() => OtlpProtobufDecoder.Decode(body.AsSpan(0, body.Length - 5), Selections));

        Assert.StartsWith("resourceMetrics[0]: field 1 says it is", error.Message);
        Assert.Contains("the payload is truncated", error.Message);
    }

    [Fact]
    public void AWrongWireTypeNamesTheFieldAndItsPath()
    {
        // time_unix_nano (3) sent as a varint instead of fixed64.
        var point = new Proto().Fixed64(2, 1).Varint(3, 2);
        var body = Proto.Request(Proto.Resource([], Proto.Sum("http.requests", 1, true, point))).ToArray();

        var error = Assert.Throws<OtlpFormatException>(() => OtlpProtobufDecoder.Decode(body, Selections));

        Assert.Equal("resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[0]: field 3 has wire type 0 where 1 (fixed64) was expected", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x0B }, "field 1 has wire type 3, which OTLP never uses")]
    [InlineData(new byte[] { 0x00 }, "holds field number 0, which protobuf does not allow")]
    [InlineData(new byte[] { 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "holds a number longer than 10 bytes")]
    [InlineData(new byte[] { 0x0A, 0x05, 0x01 }, "resourceMetrics[0]: field 1 says it is 5 bytes long but only 1 remain: the payload is truncated")]
    [InlineData(new byte[] { 0x11, 0x01, 0x02 }, "field 2 needs 8 bytes but only 2 remain: the payload is truncated")]
    public void BytesThatAreNotProtobufAreRefused(byte[] body, string message)
    {
        var error = Assert.Throws<OtlpFormatException>(() => OtlpProtobufDecoder.Decode(body, Selections));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void APackedListOfTheWrongLengthIsRefused()
    {
        var point = new Proto().Fixed64(3, 2).Fixed64(4, 1).Bytes(6, [1, 2, 3]);
        var body = Proto.Request(Proto.Resource([], Proto.Histogram("http.duration", "s", 1, point))).ToArray();

        var error = Assert.Throws<OtlpFormatException>(() => OtlpProtobufDecoder.Decode(body, Selections));

        Assert.Equal("resourceMetrics[0].scopeMetrics[0].metrics[0].histogram.dataPoints[0]: field 6 is a packed list of 8-byte values but is 3 bytes long", error.Message);
    }

    [Fact]
    public void JsonWithStringIntegersAndEnumNamesIsReadLikeProtobuf()
    {
        var json = """
            {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},
              "scopeMetrics":[{"scope":{"name":"s"},"metrics":[
                {"name":"jvm.memory","gauge":{"dataPoints":[{"asDouble":1}]}},
                {"name":"http.requests","sum":{"aggregationTemporality":"AGGREGATION_TEMPORALITY_CUMULATIVE","isMonotonic":true,
                  "dataPoints":[{"attributes":[{"key":"code","value":{"intValue":"200"}}],"startTimeUnixNano":"10","timeUnixNano":20,"asInt":"42"}]}},
                {"name":"http.duration","unit":"ms","histogram":{"aggregationTemporality":1,
                  "dataPoints":[{"timeUnixNano":"40","count":"7","bucketCounts":["1","2",4],"explicitBounds":[100,300]}]}}]}]}]}
            """u8;

        var batch = OtlpJsonDecoder.Decode(json, Selections);

        Assert.Equal(["http.requests", "http.duration"], batch.Metrics.Select(m => m.Name));
        var point = Assert.Single(batch.Metrics[0].Points);
        Assert.Equal((10UL, 20UL, 42d, OtlpTemporality.Cumulative), (point.StartUnixNano, point.TimeUnixNano, point.Value, batch.Metrics[0].Temporality));
        Assert.Equal([new OtlpAttribute("code", "200")], point.Attributes);
        Assert.Equal([new OtlpAttribute("service.name", "checkout")], batch.Metrics[0].Resource);
        var histogram = Assert.Single(batch.Metrics[1].Points);
        Assert.Equal((7UL, OtlpTemporality.Delta), (histogram.Count, batch.Metrics[1].Temporality));
        Assert.Equal([1UL, 2UL, 4UL], histogram.Buckets);
        Assert.Equal([100d, 300d], histogram.Bounds);
    }

    [Theory]
    [InlineData("""{"resourceMetrics":{}}""", "resourceMetrics: must be a list")]
    [InlineData("""[]""", "body: must be a JSON object: {\"resourceMetrics\":[…]}")]
    [InlineData("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"http.requests","sum":{"dataPoints":[{"asInt":"x"}]}}]}]}]}""",
        "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[0].asInt: must be a whole number (a string or a number)")]
    [InlineData("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"http.requests","sum":{"aggregationTemporality":"weekly"}}]}]}]}""",
        "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.aggregationTemporality: must be 1 (delta) or 2 (cumulative)")]
    [InlineData("""{"resourceMetrics":[""", "is not valid JSON (line 1")]
    public void JsonThatIsNotARequestNamesWhatIsWrong(string json, string message)
    {
        var error = Assert.Throws<OtlpFormatException>(() => OtlpJsonDecoder.Decode(System.Text.Encoding.UTF8.GetBytes(json), Selections));

        Assert.StartsWith(message, error.Message);
    }
}
