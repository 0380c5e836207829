using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Unyo.Features.Telemetry.Otlp;

// Answers in the request's encoding, as OTLP/HTTP asks: ExportMetricsServiceResponse on success
// (with partial_success when points were not used), google.rpc.Status for every 4xx and 5xx.
public static class OtlpResponses
{
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";

    // google.rpc.Code values, for troubleshooting: OTLP clients decide by the HTTP status.
    public const int InvalidArgument = 3;
    public const int ResourceExhausted = 8;
    public const int Unavailable = 14;
    public const int Unauthenticated = 16;

    public static IResult Success(bool protobuf, long rejected, string? message)
    {
        if (protobuf)
        {
            if (rejected == 0)
            {
                return new Answer(StatusCodes.Status200OK, Protobuf, [], null);
            }
            var partial = new List<byte>();
            Tag(partial, 1, 0);
            Varint(partial, (ulong)rejected);
            String(partial, 2, message ?? "");
            var response = new List<byte>();
            Tag(response, 1, 2);
            Varint(response, (ulong)partial.Count);
            response.AddRange(partial);
            return new Answer(StatusCodes.Status200OK, Protobuf, [.. response], null);
        }
        var json = rejected == 0 ? "{}"u8.ToArray()
            : JsonSerializer.SerializeToUtf8Bytes(new { partialSuccess = new { rejectedDataPoints = rejected.ToString(CultureInfo.InvariantCulture), errorMessage = message ?? "" } });
        return new Answer(StatusCodes.Status200OK, Json, json, null);
    }

    public static IResult Failure(bool protobuf, int status, int code, string message, TimeSpan? retryAfter = null) =>
        protobuf ? new Answer(status, Protobuf, StatusMessage(code, message), retryAfter)
            : new Answer(status, Json, JsonSerializer.SerializeToUtf8Bytes(new { code, message }), retryAfter);

    public static byte[] StatusMessage(int code, string message)
    {
        var bytes = new List<byte>();
        Tag(bytes, 1, 0);
        Varint(bytes, (ulong)code);
        String(bytes, 2, message);
        return [.. bytes];
    }

    private static void String(List<byte> into, int field, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        Tag(into, field, 2);
        Varint(into, (ulong)utf8.Length);
        into.AddRange(utf8);
    }

    private static void Tag(List<byte> into, int field, int wireType) => Varint(into, (ulong)((field << 3) | wireType));

    private static void Varint(List<byte> into, ulong value)
    {
        while (value >= 0x80)
        {
            into.Add((byte)(value | 0x80));
            value >>= 7;
        }
        into.Add((byte)value);
    }

    private sealed class Answer(int status, string contentType, byte[] body, TimeSpan? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = contentType;
            response.ContentLength = body.Length;
            if (retryAfter is { } wait)
            {
                response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            return response.Body.WriteAsync(body).AsTask();
        }
    }
}
