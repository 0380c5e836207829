using System.Buffers.Binary;

namespace Unyo.Features.Telemetry.Otlp;

public enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    Len = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

// Reads the protobuf wire format over a span: one tag, then its value, for exactly the fields a
// caller asks for; everything else is skipped by its wire type. Every read checks the bounds, so
// a truncated or lying payload throws OtlpFormatException instead of reading past the end.
// Varints may be padded (the OpenTelemetry .NET exporter reserves four bytes for lengths).
public ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool End => _position >= _data.Length;

    public int Field { get; private set; }

    public WireType Type { get; private set; }

    // False at the end of the message; otherwise Field and Type describe the next value.
    public bool Next()
    {
        if (_position >= _data.Length)
        {
            return false;
        }
        var tag = ReadRawVarint();
        Field = (int)(tag >> 3);
        Type = (WireType)(tag & 7);
        if (Field == 0 || tag >> 3 > int.MaxValue)
        {
            throw new OtlpFormatException($"holds field number {tag >> 3}, which protobuf does not allow");
        }
        if (Type is not (WireType.Varint or WireType.Fixed64 or WireType.Len or WireType.Fixed32))
        {
            throw new OtlpFormatException($"field {Field} has wire type {(int)Type}, which OTLP never uses");
        }
        return true;
    }

    public ulong Varint()
    {
        Expect(WireType.Varint);
        return ReadRawVarint();
    }

    public ulong Fixed64()
    {
        Expect(WireType.Fixed64);
        return ReadRawFixed64();
    }

    public double Double() => BitConverter.UInt64BitsToDouble(Fixed64());

    public ReadOnlySpan<byte> Bytes()
    {
        Expect(WireType.Len);
        var length = ReadRawVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new OtlpFormatException($"field {Field} says it is {length} bytes long but only {_data.Length - _position} remain: the payload is truncated");
        }
        var value = _data.Slice(_position, (int)length);
        _position += (int)length;
        return value;
    }

    // Repeated 8-byte fields, packed (one length-delimited run) or one value per tag: bucket
    // counts (fixed64) and bounds (double), converted by a static lambda.
    public void Fixed64s<T>(List<T> into, Func<ulong, T> convert)
    {
        if (Type == WireType.Fixed64)
        {
            into.Add(convert(ReadRawFixed64()));
            return;
        }
        var packed = Bytes();
        if (packed.Length % 8 != 0)
        {
            throw new OtlpFormatException($"field {Field} is a packed list of 8-byte values but is {packed.Length} bytes long");
        }
        for (var i = 0; i < packed.Length; i += 8)
        {
            into.Add(convert(BinaryPrimitives.ReadUInt64LittleEndian(packed[i..])));
        }
    }

    // Repeated varint fields (exponential histogram buckets), packed or not.
    public void Varints(List<ulong> into)
    {
        if (Type == WireType.Varint)
        {
            into.Add(ReadRawVarint());
            return;
        }
        var inner = new ProtoReader(Bytes());
        while (!inner.End)
        {
            into.Add(inner.ReadRawVarint());
        }
    }

    public void Skip()
    {
        switch (Type)
        {
            case WireType.Varint:
                ReadRawVarint();
                break;
            case WireType.Fixed64:
                Advance(8);
                break;
            case WireType.Len:
                Bytes();
                break;
            default:
                Advance(4);
                break;
        }
    }

    private readonly void Expect(WireType type)
    {
        if (Type != type)
        {
            throw new OtlpFormatException($"field {Field} has wire type {(int)Type} where {(int)type} ({type.ToString().ToLowerInvariant()}) was expected");
        }
    }

    private void Advance(int bytes)
    {
        if (_data.Length - _position < bytes)
        {
            throw new OtlpFormatException($"field {Field} needs {bytes} bytes but only {_data.Length - _position} remain: the payload is truncated");
        }
        _position += bytes;
    }

    private ulong ReadRawFixed64()
    {
        Advance(8);
        return BinaryPrimitives.ReadUInt64LittleEndian(_data[(_position - 8)..]);
    }

    private ulong ReadRawVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new OtlpFormatException("ends inside a number: the payload is truncated");
            }
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new OtlpFormatException("holds a number longer than 10 bytes");
    }
}
