using System.Globalization;

namespace Unyo.Features.Telemetry.Otlp;

// How attribute values read as text, the same from protobuf and JSON.
public static class OtlpValues
{
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Array(IEnumerable<string> values) => $"[{string.Join(",", values)}]";

    public static string Map(IEnumerable<OtlpAttribute> values) => $"{{{string.Join(",", values.Select(v => $"{v.Key}={v.Value}"))}}}";

    // Unix nanoseconds → the minute SliMinute keys on.
    public static long Minute(ulong unixNano) => (long)(unixNano / 60_000_000_000UL);

    public static DateTimeOffset Time(ulong unixNano) => DateTimeOffset.UnixEpoch.AddTicks((long)(unixNano / 100));

    public static ulong UnixNano(DateTimeOffset at) => (ulong)(at - DateTimeOffset.UnixEpoch).Ticks * 100UL;
}
