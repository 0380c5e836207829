namespace Unyo.Features.Telemetry.Otlp;

// The request body is not an ExportMetricsServiceRequest: answered 400, nothing of it is used.
// Each level of the decoder adds where it was reading, so the message reads
// "resourceMetrics[0].scopeMetrics[1].metrics[2].sum.dataPoints[3]: field 6 …".
public sealed class OtlpFormatException(string reason, string path = "") : Exception(path.Length == 0 ? reason : $"{path}: {reason}")
{
    public string Reason { get; } = reason;

    public string Path { get; } = path;

    public OtlpFormatException Within(string segment) =>
        new(Reason, Path.Length == 0 ? segment : Path[0] == '[' ? segment + Path : $"{segment}.{Path}");
}
