using System.Text;

namespace Unyo.Tests.Telemetry;

/// Builds protobuf by hand, field by field, so tests can make exactly the bytes they mean,
/// including wrong ones.
public sealed class Proto
{
    private readonly List<byte> _bytes = [];

    public byte[] ToArray() => [.. _bytes];

    public Proto Varint(int field, ulong value) => Tag(field, 0).Raw(value);

    public Proto Fixed64(int field, ulong value)
    {
        Tag(field, 1);
        _bytes.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    public Proto Double(int field, double value) => Fixed64(field, BitConverter.DoubleToUInt64Bits(value));

    public Proto Message(int field, Proto message) => Bytes(field, message.ToArray());

    public Proto String(int field, string text) => Bytes(field, Encoding.UTF8.GetBytes(text));

    public Proto Bytes(int field, byte[] bytes)
    {
        Tag(field, 2).Raw((ulong)bytes.Length);
        _bytes.AddRange(bytes);
        return this;
    }

    public Proto PackedFixed64(int field, params ulong[] values) => Bytes(field, [.. values.SelectMany(BitConverter.GetBytes)]);

    public Proto PackedDoubles(int field, params double[] values) => Bytes(field, [.. values.SelectMany(BitConverter.GetBytes)]);

    public Proto Tag(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

    public Proto Raw(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        _bytes.Add((byte)value);
        return this;
    }

    // OTLP messages, named for their fields.
    public static Proto KeyValue(string key, string value) => new Proto().String(1, key).Message(2, new Proto().String(1, value));

    public static Proto Request(params Proto[] resourceMetrics)
    {
        var request = new Proto();
        foreach (var r in resourceMetrics)
        {
            request.Message(1, r);
        }
        return request;
    }

    public static Proto Resource(Proto[] attributes, params Proto[] metrics)
    {
        var resource = new Proto();
        foreach (var a in attributes)
        {
            resource.Message(1, a);
        }
        var scope = new Proto().Message(1, new Proto().String(1, "test.scope").String(2, "1.0"));
        foreach (var m in metrics)
        {
            scope.Message(2, m);
        }
        return new Proto().Message(1, resource).Message(2, scope);
    }

    public static Proto Sum(string name, int temporality, bool monotonic, params Proto[] points)
    {
        var sum = new Proto();
        foreach (var p in points)
        {
            sum.Message(1, p);
        }
        sum.Varint(2, (ulong)temporality).Varint(3, monotonic ? 1UL : 0UL);
        return new Proto().String(1, name).Message(7, sum);
    }

    public static Proto Histogram(string name, string unit, int temporality, params Proto[] points)
    {
        var histogram = new Proto();
        foreach (var p in points)
        {
            histogram.Message(1, p);
        }
        histogram.Varint(2, (ulong)temporality);
        return new Proto().String(1, name).String(3, unit).Message(9, histogram);
    }

    public static Proto IntPoint(ulong start, ulong time, long value, params Proto[] attributes)
    {
        var point = new Proto();
        foreach (var a in attributes)
        {
            point.Message(7, a);
        }
        return point.Fixed64(2, start).Fixed64(3, time).Fixed64(6, (ulong)value);
    }

    public static Proto HistogramPoint(ulong start, ulong time, ulong count, ulong[] buckets, double[] bounds, params Proto[] attributes)
    {
        var point = new Proto();
        foreach (var a in attributes)
        {
            point.Message(9, a);
        }
        return point.Fixed64(2, start).Fixed64(3, time).Fixed64(4, count).PackedFixed64(6, buckets).PackedDoubles(7, bounds);
    }
}
